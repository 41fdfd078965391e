using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using static SameSession.Tests.Unit.Capsules.CapsuleTestKit;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>
/// Crafted capsules an attacker (or a broken disk) could hand to Import-AgentSession. Each must be refused with its
/// stable id, and the folder around the staging area must be byte-for-byte what it was before.
/// </summary>
public class HostileCapsuleTests
{
    private const string Transcript = "native/projects/p/6a1c.jsonl";
    private const string Body = "{\"type\":\"user\"}\n";

    private static string Sha(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();

    /// <summary>A valid manifest for the given (path, content) files, optionally edited as JSON.</summary>
    private static string ManifestText(IEnumerable<(string Path, string Content)> files, Action<JsonNode>? edit = null)
    {
        var manifest = ManifestTests.Sample() with
        {
            Files = [.. files.Select(f => new CapsuleFile(f.Path, "transcript", Encoding.UTF8.GetByteCount(f.Content), Sha(f.Content)))],
        };
        var node = JsonNode.Parse(ManifestJson.Serialize(manifest))!;
        edit?.Invoke(node);
        return node.ToJsonString();
    }

    private static string ManifestText(params (string Path, string Content)[] files) => ManifestText(files, null);

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Seal(byte[] plain, bool armor = false)
    {
        var ms = new MemoryStream();
        using (var age = AgeEncryption.Encrypt(ms, [Key.Recipient], armor, leaveOpen: true)) age.Write(plain);
        return ms.ToArray();
    }

    private static byte[] TarCapsule(RawTar tar) => Seal(Gzip(tar.ToArray()));

    private static byte[] Bomb()
    {
        // A valid capsule followed by 256 MiB of zeros after the end marker: tiny compressed, huge expanded.
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).End().ToArray());
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++) gz.Write(zeros);
        }
        return Seal(ms.ToArray());
    }

    private static byte[] Valid() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).End());

    private static byte[] Flip(byte[] data, Func<byte[], int> at)
    {
        var copy = (byte[])data.Clone();
        copy[at(copy)] ^= 0x01;
        return copy;
    }

    /// <summary>Another valid base64 character at <paramref name="at"/> (a flipped bit can make an invalid one, e.g. 'A' → '@': a malformed header, not a wrong MAC).</summary>
    private static byte[] OtherBase64Char(byte[] data, Func<byte[], int> at)
    {
        var copy = (byte[])data.Clone();
        var i = at(copy);
        copy[i] = copy[i] == (byte)'A' ? (byte)'B' : (byte)'A';
        return copy;
    }

    private static int PayloadStart(byte[] capsule) => Encoding.Latin1.GetString(capsule).IndexOf("\n---", StringComparison.Ordinal) + 49;

    private static string Evil => "/tmp/ss-evil-" + Environment.ProcessId;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, (_, id)) in All) data.Add(name, id.Name);
        return data;
    }

    private static readonly Dictionary<string, (Func<byte[]> Build, ErrorId Expected)> All = new()
    {
        ["path traversal"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File("../../evil", "x").End()), ErrorIds.CapsuleCorrupt),
        ["path traversal in prefix"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File("evil", "x", prefix: "native/../..").End()), ErrorIds.CapsuleCorrupt),
        ["path traversal in pax path"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).Pax(("path", "../../evil")).File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["absolute path"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Evil, "x").End()), ErrorIds.CapsuleCorrupt),
        ["backslash traversal"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File("native\\..\\..\\..\\evil", "x").End()), ErrorIds.CapsuleCorrupt),
        ["drive letter"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File("C:/evil", "x").End()), ErrorIds.CapsuleCorrupt),
        ["symlink"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File("native/projects", "", type: (byte)'2', linkName: "/tmp").File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["hardlink"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, "", type: (byte)'1', linkName: "/etc/passwd").End()), ErrorIds.CapsuleCorrupt),
        ["character device"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, "", type: (byte)'3').End()), ErrorIds.CapsuleCorrupt),
        ["fifo"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, "", type: (byte)'6').End()), ErrorIds.CapsuleCorrupt),
        ["directory entry"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File("native/", "", type: (byte)'5').File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["duplicate entry"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["duplicate entry by case"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).File(Transcript.ToUpperInvariant(), Body).End()), ErrorIds.CapsuleCorrupt),
        ["second manifest"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).File("manifest.json", "{}").End()), ErrorIds.CapsuleCorrupt),
        ["entry larger than declared"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body + "more").End()), ErrorIds.CapsuleTampered),
        ["declared size over the limit"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText([(Transcript, Body)], n => n["files"]![0]!["size"] = 1L << 40)).File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["compression bomb"] = (Bomb, ErrorIds.CapsuleCorrupt),
        ["hash mismatch (tampered manifest)"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText([(Transcript, Body)], n => n["files"]![0]!["sha256"] = Sha("other"))).File(Transcript, Body).End()), ErrorIds.CapsuleTampered),
        ["hash mismatch (tampered content)"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body.Replace("user", "root", StringComparison.Ordinal)).End()), ErrorIds.CapsuleTampered),
        ["tampered ciphertext"] = (() => Flip(Valid(), c => c.Length - 20), ErrorIds.CapsuleTampered),
        ["tampered first payload byte"] = (() => Flip(Valid(), PayloadStart), ErrorIds.CapsuleTampered),
        ["tampered header MAC"] = (() => OtherBase64Char(Valid(), c => PayloadStart(c) - 10), ErrorIds.CapsuleTampered),
        ["extra data after the age payload"] = (() => [.. Valid(), .. new byte[100]], ErrorIds.CapsuleTampered),
        ["truncated inside the age header"] = (() => Valid()[..30], ErrorIds.CapsuleCorrupt),
        ["truncated after the age header"] = (() => Valid()[..(PayloadStart(Valid()) + 16)], ErrorIds.CapsuleCorrupt),
        ["truncated inside the payload"] = (() => Valid()[..(Valid().Length / 2 + 40)], ErrorIds.CapsuleTampered),
        ["truncated by one byte"] = (() => Valid()[..^1], ErrorIds.CapsuleTampered),
        ["empty file"] = (() => [], ErrorIds.CapsuleCorrupt),
        ["truncated gzip inside valid age"] = (() => Seal(Gzip(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).End().ToArray())[..^12]), ErrorIds.CapsuleCorrupt),
        ["tar truncated inside an entry"] = (() => Seal(Gzip(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).End().ToArray()[..2100])), ErrorIds.CapsuleCorrupt),
        ["tar without end marker"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body)), ErrorIds.CapsuleCorrupt),
        ["garbage after the tar end"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).End().Bytes([0x42])), ErrorIds.CapsuleCorrupt),
        ["bad tar checksum"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body, breakChecksum: true).End()), ErrorIds.CapsuleCorrupt),
        ["pax global header"] = (() => TarCapsule(new RawTar().File("pax_global_header", "9 a=b\n", type: (byte)'g').File("manifest.json", ManifestText((Transcript, Body))).End()), ErrorIds.CapsuleCorrupt),
        ["not gzip inside age"] = (() => Seal(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).End().ToArray()), ErrorIds.CapsuleCorrupt),
        ["wrong key"] = (() => { var ms = new MemoryStream(); using (var a = AgeEncryption.Encrypt(ms, [X25519Identity.Generate().Recipient], leaveOpen: true)) a.Write(Gzip(new RawTar().End().ToArray())); return ms.ToArray(); }, ErrorIds.NoMatchingIdentity),
        ["unknown age version"] = (() => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Valid()).Replace("age-encryption.org/v1", "age-encryption.org/v2", StringComparison.Ordinal)), ErrorIds.UnsupportedFormat),
        ["damaged armor"] = (() => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Seal(Gzip(new RawTar().End().ToArray()), armor: true)).Replace("-----END AGE ENCRYPTED FILE-----", "-----END AGE ENCRYPTED FILE", StringComparison.Ordinal)), ErrorIds.CapsuleCorrupt),
        ["unknown format version"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText([(Transcript, Body)], n => n["format"] = "samesession.capsule/2")).File(Transcript, Body).End()), ErrorIds.UnsupportedFormat),
        ["manifest not first"] = (() => TarCapsule(new RawTar().File(Transcript, Body).File("manifest.json", ManifestText((Transcript, Body))).End()), ErrorIds.CapsuleCorrupt),
        ["missing manifest"] = (() => TarCapsule(new RawTar().File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["empty archive"] = (() => TarCapsule(new RawTar().End()), ErrorIds.CapsuleCorrupt),
        ["entry not in manifest"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body))).File(Transcript, Body).File("native/extra.jsonl", "x").End()), ErrorIds.CapsuleCorrupt),
        ["manifest lists a missing file"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText((Transcript, Body), ("native/gone.jsonl", "x"))).File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["manifest is not JSON"] = (() => TarCapsule(new RawTar().File("manifest.json", "{\"format\":\"samesession.capsule/1\",").File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["manifest has an unknown field"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText([(Transcript, Body)], n => n["owner"] = "root")).File(Transcript, Body).End()), ErrorIds.CapsuleCorrupt),
        ["manifest lists a traversal path"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText(("native/../../evil", Body))).End()), ErrorIds.CapsuleCorrupt),
        ["manifest lists a file and its folder"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText(("native/a", "x"), ("native/a/b", "y"))).File("native/a", "x").File("native/a/b", "y").End()), ErrorIds.CapsuleCorrupt),
        ["manifest larger than allowed"] = (() => TarCapsule(new RawTar().File("manifest.json", ManifestText([(Transcript, Body)], n => n["session"]!["title"] = new string('t', ManifestJson.MaxBytes))).End()), ErrorIds.CapsuleCorrupt),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_capsule_is_refused_and_nothing_is_written(string name, string expectedId)
    {
        using var dir = new TempDir("hostile");
        File.WriteAllText(dir.Combine("victim.txt"), "keep me");
        Directory.CreateDirectory(dir.Combine("stage"));
        Directory.CreateDirectory(dir.Combine("native", "projects"));
        var before = Snapshot(dir.Path);
        var capsule = All[name].Build();

        var ex = Assert.ThrowsAny<SameSessionException>(() =>
        {
            using var reader = CapsuleReader.Open(new MemoryStream(capsule), [Key], new CapsuleReadLimits(1L << 30, 1L << 30));
            using var staged = reader.ExtractTo(dir.Combine("stage"));
        });

        Assert.True(ex.Error.Name == expectedId, $"{name}: expected {expectedId}, got {ex.Error.Name}: {ex.Message}");
        if (name == "compression bomb") Assert.Contains("compression bomb", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(dir.Path));
        Assert.False(File.Exists(Evil) || Directory.Exists(Evil), "an absolute entry escaped");
    }

    [Fact]
    public void There_are_at_least_thirty_cases_and_the_valid_one_passes()
    {
        Assert.True(All.Count >= 30, $"{All.Count} cases");
        using var dir = new TempDir("valid");
        using var reader = CapsuleReader.Open(new MemoryStream(Valid()), [Key]);
        using var staged = reader.ExtractTo(dir.Path);
        Assert.Equal(Body, File.ReadAllText(staged.PathOf(Transcript)));
    }

    [Fact]
    public void The_snapshot_sees_a_stray_file()
    {
        using var dir = new TempDir("snap");
        var before = Snapshot(dir.Path);
        File.WriteAllText(dir.Combine("evil"), "");
        Assert.NotEqual(before, Snapshot(dir.Path));
    }

    /// <summary>Every path under <paramref name="root"/> with its kind, size and content hash.</summary>
    private static string Snapshot(string root) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"F {Path.GetRelativePath(root, p)} {Sha(File.ReadAllText(p))}" : $"D {Path.GetRelativePath(root, p)}"));
}
