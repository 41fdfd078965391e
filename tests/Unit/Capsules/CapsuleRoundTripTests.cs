using System.Text;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using static SameSession.Tests.Unit.Capsules.CapsuleTestKit;

namespace SameSession.Tests.Unit.Capsules;

public class CapsuleRoundTripTests
{
    [Fact]
    public void Encrypted_capsule_extracts_every_file_byte_for_byte_into_staging()
    {
        using var dir = new TempDir("cap");
        var sources = Sources();
        using var reader = CapsuleReader.Open(new MemoryStream(Encrypted(sources)), [Key]);
        Assert.Equal("ses_abc", reader.Manifest.Session.NativeId);
        using var staged = reader.ExtractTo(dir.Path);
        Assert.StartsWith(dir.Path, staged.Root, StringComparison.Ordinal);
        foreach (var s in sources)
        {
            using var expected = new StreamReader(s.Open());
            Assert.Equal(expected.ReadToEnd(), File.ReadAllText(staged.PathOf(s.Path)));
        }
        var root = staged.Root;
        staged.Dispose();
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Passphrase_and_armor_work()
    {
        var sources = Sources();
        var ms = new MemoryStream();
        CapsuleWriter.Write(ms, ManifestFor(sources), sources, [new ScryptRecipient("correct horse", workFactor: 10)], armor: true);
        Assert.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----", Encoding.ASCII.GetString(ms.ToArray()), StringComparison.Ordinal);
        using var reader = CapsuleReader.Open(new MemoryStream(ms.ToArray()), [new ScryptIdentity("correct horse")]);
        reader.Verify();
        var header = CapsuleHeader.Read(new MemoryStream(ms.ToArray()), ms.Length);
        Assert.True(header.Armored);
        Assert.True(header.IsPassphrase);
    }

    [Fact]
    public void Public_header_shows_stanza_types_and_size_only()
    {
        var other = X25519Identity.Generate();
        var sources = Sources();
        var ms = new MemoryStream();
        CapsuleWriter.Write(ms, ManifestFor(sources), sources, [Key.Recipient, other.Recipient]);
        var header = CapsuleHeader.Read(new MemoryStream(ms.ToArray()), ms.Length);
        Assert.Equal(["X25519", "X25519"], header.RecipientTypes);
        Assert.False(header.Armored);
        Assert.False(header.IsPassphrase);
        Assert.Equal(ms.Length, header.FileSize);
        Assert.DoesNotContain("ses_abc", Encoding.Latin1.GetString(ms.ToArray()), StringComparison.Ordinal);
        using var reader = CapsuleReader.Open(new MemoryStream(ms.ToArray()), [other]);
        reader.Verify();
    }

    [Fact]
    public void Header_of_a_non_capsule_is_corrupt()
    {
        var ex = Assert.Throws<AgeException>(() => CapsuleHeader.Read(new MemoryStream("PK\u0003\u0004 zip"u8.ToArray()), 8));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
    }

    [Fact]
    public void Wrong_key_is_no_matching_identity()
    {
        var ex = Assert.Throws<AgeException>(() => CapsuleReader.Open(new MemoryStream(Encrypted()), [X25519Identity.Generate()]));
        Assert.Equal(ErrorIds.NoMatchingIdentity, ex.Error);
    }

    [Fact]
    public void Plaintext_capsules_are_deterministic_and_readable_by_system_tar()
    {
        var a = Plain();
        Assert.Equal(a, Plain());
        using var dir = new TempDir("ptar");
        var file = dir.Combine("c.tgz");
        File.WriteAllBytes(file, a);
        var listed = TarArchiveTests.RunTar("-tzf", file, dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("manifest.json", listed[0]);
        Assert.Equal(listed.Skip(1).Order(StringComparer.Ordinal), listed.Skip(1));
        Assert.Equal(Sources().Length + 1, listed.Length);
    }

    [Fact]
    public void Verify_reads_without_writing()
    {
        using var reader = OpenPlain(Plain());
        reader.Verify();
        Assert.Throws<InvalidOperationException>(() => reader.Verify());
    }

    [Fact]
    public void A_source_that_changes_after_measuring_fails_the_export()
    {
        var sources = Sources();
        var manifest = ManifestFor(sources);
        var calls = 0;
        var changing = new CapsuleFileSource(sources[0].Path, "transcript", () => new MemoryStream(Encoding.UTF8.GetBytes(calls++ == 0 ? "same length A" : "same length B")));
        manifest = ManifestFor([changing, sources[1], sources[2]]);
        var ex = Assert.Throws<SameSessionException>(() => CapsuleWriter.Write(new MemoryStream(), manifest, [changing, sources[1], sources[2]], [Key.Recipient]));
        Assert.Equal(ErrorIds.SessionLocked, ex.Error);
        var grown = new CapsuleFileSource(sources[0].Path, "transcript", () => new MemoryStream(Encoding.UTF8.GetBytes(calls++ < 3 ? "short" : "short and then more")));
        manifest = ManifestFor([grown, sources[1], sources[2]]);
        Assert.Equal(ErrorIds.SessionLocked, Assert.Throws<SameSessionException>(() => CapsuleWriter.Write(new MemoryStream(), manifest, [grown, sources[1], sources[2]], [Key.Recipient])).Error);
    }

    [Fact]
    public void Sources_must_match_the_manifest()
    {
        var sources = Sources();
        Assert.Throws<ArgumentException>(() => CapsuleWriter.Write(new MemoryStream(), ManifestFor(sources), sources[..2], [Key.Recipient]));
    }

    [Fact]
    public void WriteFile_never_clobbers_and_leaves_no_partial_file()
    {
        using var dir = new TempDir("wf");
        var path = dir.Combine("s.capsule");
        var sources = Sources();
        CapsuleWriter.WriteFile(path, ManifestFor(sources), sources, [Key.Recipient]);
        var first = File.ReadAllBytes(path);
        var ex = Assert.Throws<SameSessionException>(() => CapsuleWriter.WriteFile(path, ManifestFor(sources), sources, [Key.Recipient]));
        Assert.Equal(ErrorIds.DestinationExists, ex.Error);
        Assert.Equal(first, File.ReadAllBytes(path));

        var broken = new CapsuleFileSource(sources[0].Path, "transcript", () => throw new IOException("disk gone"));
        Assert.Throws<IOException>(() => CapsuleWriter.WriteFile(dir.Combine("t.capsule"), ManifestFor(sources), [broken, sources[1], sources[2]], [Key.Recipient]));
        Assert.Equal(["s.capsule"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));

        CapsuleWriter.WriteFile(path, ManifestFor(sources), sources, [Key.Recipient], overwrite: true);
        using var reader = CapsuleReader.Open(File.OpenRead(path), [Key]);
        reader.Verify();
    }

    [Fact]
    public void Empty_files_and_a_capsule_without_files_work()
    {
        var sources = new[] { Text("native/empty.jsonl", "") };
        using (var reader = OpenPlain(Plain(sources))) reader.Verify();
        using var none = OpenPlain(Plain([], ManifestTests.Sample() with { Files = [] }));
        Assert.Empty(none.Manifest.Files);
        none.Verify();
    }
}

public class CapsuleAgeCliInteropTests
{
    [Fact]
    public void Stock_age_and_tar_open_a_capsule()
    {
        using var dir = new TempDir("agecli");
        var identity = X25519Identity.Generate();
        var keyFile = dir.Combine("key.txt");
        File.WriteAllText(keyFile, identity + "\n");
        var capsule = dir.Combine("s.capsule");
        var sources = Sources();
        CapsuleWriter.WriteFile(capsule, ManifestFor(sources), sources, [identity.Recipient]);

        SameSession.Tests.Unit.Age.AgeCli.Run("age", "-d", "-i", keyFile, "-o", dir.Combine("s.tgz"), capsule);
        var listed = TarArchiveTests.RunTar("-tzf", dir.Combine("s.tgz"), dir.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["manifest.json", .. sources.Select(s => s.Path).Order(StringComparer.Ordinal)], listed);
        var outDir = Directory.CreateDirectory(dir.Combine("x")).FullName;
        TarArchiveTests.RunTar("-xzf", dir.Combine("s.tgz"), outDir);
        var manifest = ManifestJson.Parse(File.ReadAllBytes(Path.Combine(outDir, "manifest.json")));
        Assert.Equal(ManifestFor(sources).Files, manifest.Files);
    }
}
