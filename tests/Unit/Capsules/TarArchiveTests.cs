using System.Diagnostics;
using System.Text;
using SameSession.Core.Capsules.Tar;
using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Capsules;

public class TarArchiveTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static byte[] Write(params (string Path, string Content, bool Exec)[] entries)
    {
        using var ms = new MemoryStream();
        using (var w = new TarArchiveWriter(ms, Stamp, leaveOpen: true))
        {
            foreach (var (path, content, exec) in entries)
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                w.WriteFile(path, bytes.Length, new MemoryStream(bytes), exec);
            }
            w.Finish();
        }
        return ms.ToArray();
    }

    internal static List<(TarEntryHeader Header, string Content)> ReadAll(byte[] tar, TarReadLimits? limits = null)
    {
        var reader = new TarArchiveReader(new MemoryStream(tar), limits);
        var result = new List<(TarEntryHeader, string)>();
        while (reader.Next() is { } e)
        {
            using var content = new StreamReader(reader.OpenContent());
            result.Add((e, content.ReadToEnd()));
        }
        return result;
    }

    private static readonly string LongPath = "native/" + string.Join('/', Enumerable.Repeat("deeply-nested-folder-name", 12)) + "/file.jsonl";
    private const string UnicodePath = "native/projects/-home-zoë-src/transcript.jsonl";

    [Fact]
    public void Round_trips_short_long_and_unicode_names_with_modes()
    {
        var tar = Write(("manifest.json", "{}", false), ("native/a.jsonl", "line\n", false), (LongPath, "long", false), (UnicodePath, "ü", true), ("bin/run.sh", new string('x', 1025), true));
        var read = ReadAll(tar);
        Assert.Equal(["manifest.json", "native/a.jsonl", LongPath, UnicodePath, "bin/run.sh"], read.Select(r => r.Header.Path));
        Assert.Equal(["{}", "line\n", "long", "ü", new string('x', 1025)], read.Select(r => r.Content));
        Assert.Equal([false, false, false, true, true], read.Select(r => r.Header.Executable));
        Assert.Equal(1025, read[4].Header.Size);
    }

    [Fact]
    public void Same_entries_give_identical_bytes()
    {
        var a = Write(("m.json", "{}", false), (LongPath, "x", false));
        var b = Write(("m.json", "{}", false), (LongPath, "x", false));
        Assert.Equal(a, b);
        Assert.Equal(0, a.Length % 512);
    }

    [Fact]
    public void Headers_are_owner_free_and_stamped_with_the_fixed_time()
    {
        var tar = Write(("a.txt", "hi", false));
        Assert.Equal("0000000\0", Encoding.ASCII.GetString(tar, 108, 8));           // uid
        Assert.Equal("0000000\0", Encoding.ASCII.GetString(tar, 116, 8));           // gid
        Assert.Equal("0000644\0", Encoding.ASCII.GetString(tar, 100, 8));           // mode
        Assert.All(tar.AsSpan(265, 64).ToArray(), b => Assert.Equal(0, b));         // uname, gname empty
        Assert.Equal(Stamp.ToUnixTimeSeconds(), Convert.ToInt64(Encoding.ASCII.GetString(tar, 136, 11), 8));
    }

    [Fact]
    public void System_tar_lists_and_extracts_what_we_write()
    {
        using var dir = new TempDir("tar");
        var file = dir.Combine("a.tar");
        File.WriteAllBytes(file, Write(("manifest.json", "{}", false), (LongPath, "long", false), (UnicodePath, "ü", false)));
        var list = RunTar("-tf", file, dir.Path);
        Assert.Equal(["manifest.json", LongPath, UnicodePath], list.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var outDir = Directory.CreateDirectory(dir.Combine("x")).FullName;
        RunTar("-xf", file, outDir);
        Assert.Equal("long", File.ReadAllText(Path.Combine(outDir, LongPath)));
        Assert.Equal("ü", File.ReadAllText(Path.Combine(outDir, UnicodePath)));
    }

    internal static string RunTar(string flags, string file, string cwd)
    {
        var psi = new ProcessStartInfo("tar") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(flags);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"tar {flags} failed: {error}");
        return output;
    }

    [Fact]
    public void Writer_refuses_duplicates_ignoring_case_and_unsafe_names()
    {
        using var w = new TarArchiveWriter(new MemoryStream(), Stamp);
        w.WriteFile("a/B.txt", 0, Stream.Null);
        Assert.Throws<ArgumentException>(() => w.WriteFile("a/b.txt", 0, Stream.Null));
        Assert.Throws<ArgumentException>(() => w.WriteFile("../x", 0, Stream.Null));
        Assert.Throws<ArgumentException>(() => w.WriteFile("/etc/passwd", 0, Stream.Null));
    }

    [Fact]
    public void Writer_refuses_a_source_shorter_than_declared()
    {
        using var w = new TarArchiveWriter(new MemoryStream(), Stamp);
        var ex = Assert.Throws<SameSessionException>(() => w.WriteFile("a", 10, new MemoryStream(new byte[3])));
        Assert.Equal(ErrorIds.IoFailed, ex.Error);
    }

    [Fact]
    public void Reader_skips_unread_content()
    {
        var tar = Write(("a", new string('a', 700), false), ("b", "bee", false));
        var reader = new TarArchiveReader(new MemoryStream(tar));
        Assert.Equal("a", reader.Next()!.Path);
        var b = reader.Next()!;
        Assert.Equal("b", b.Path);
        Assert.Equal("bee", new StreamReader(reader.OpenContent()).ReadToEnd());
        Assert.Null(reader.Next());
    }

    public static TheoryData<string, byte[]> HostileTars() => new()
    {
        { "absolute", new RawTar().File("/etc/passwd", "x").End().ToArray() },
        { "dotdot", new RawTar().File("native/../../x", "x").End().ToArray() },
        { "dotdot via prefix", new RawTar().File("x", "x", prefix: "..").End().ToArray() },
        { "dotdot via pax", new RawTar().Pax(("path", "a/../../b")).File("a", "x").End().ToArray() },
        { "backslash", new RawTar().File("native\\..\\x", "x").End().ToArray() },
        { "drive letter", new RawTar().File("C:/Windows/x", "x").End().ToArray() },
        { "symlink", new RawTar().File("link", "", type: (byte)'2', linkName: "/etc/passwd").End().ToArray() },
        { "hardlink", new RawTar().File("link", "", type: (byte)'1', linkName: "manifest.json").End().ToArray() },
        { "char device", new RawTar().File("dev", "", type: (byte)'3').End().ToArray() },
        { "block device", new RawTar().File("dev", "", type: (byte)'4').End().ToArray() },
        { "fifo", new RawTar().File("fifo", "", type: (byte)'6').End().ToArray() },
        { "directory", new RawTar().File("dir/", "", type: (byte)'5').End().ToArray() },
        { "gnu long name", new RawTar().File("././@LongLink", "x", type: (byte)'L').End().ToArray() },
        { "pax global", new RawTar().File("g", "comment=x\n", type: (byte)'g').End().ToArray() },
        { "pax linkpath", new RawTar().Pax(("linkpath", "/etc")).File("a", "x").End().ToArray() },
        { "pax sparse", new RawTar().Pax(("GNU.sparse.size", "1")).File("a", "x").End().ToArray() },
        { "duplicate", new RawTar().File("a", "1").File("a", "2").End().ToArray() },
        { "duplicate by case", new RawTar().File("a/File", "1").File("a/file", "2").End().ToArray() },
        { "bad checksum", new RawTar().File("a", "x", breakChecksum: true).End().ToArray() },
        { "not ustar", new RawTar().File("a", "x", magic: "ustar ", version: " \0").End().ToArray() },
        { "no end marker", new RawTar().File("a", "x").ToArray() },
        { "half end marker", new RawTar().File("a", "x").End(1).ToArray() },
        { "truncated data", new RawTar().File("a", "x", sizeOverride: 5000).End().ToArray()[..1024] },
        { "truncated header", new RawTar().File("a", "x").End().ToArray()[..300] },
        { "garbage after end", new RawTar().File("a", "x").End().Bytes([1, 2, 3]).ToArray() },
        { "oversize", new RawTar().File("a", "x", sizeOverride: 2048).Data(new byte[2048]).End().ToArray() },
    };

    [Theory]
    [MemberData(nameof(HostileTars))]
    public void Reader_refuses_hostile_archives_as_corrupt(string name, byte[] tar)
    {
        var ex = Assert.Throws<SameSessionException>(() => ReadAll(tar, new TarReadLimits(1024, 10)));
        Assert.True(ex.Error == ErrorIds.CapsuleCorrupt, $"{name}: {ex.Error.Name} {ex.Message}");
    }

    [Theory]
    [InlineData("native/a.jsonl", true)]
    [InlineData("a b/c-d_e.f", true)]
    [InlineData("", false)]
    [InlineData("a//b", false)]
    [InlineData("a/./b", false)]
    [InlineData("a/", false)]
    [InlineData("a/b.", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("a|b", false)]
    [InlineData("native/NUL", false)]
    [InlineData("native/con.txt", false)]
    [InlineData("native/console.txt", true)]
    public void Path_rules(string path, bool ok) => Assert.Equal(ok, TarPath.IsValid(path));

    [Fact]
    public void Resolve_keeps_names_inside_the_root()
    {
        using var dir = new TempDir("tp");
        Assert.Equal(Path.Combine(dir.Path, "a", "b"), TarPath.Resolve(dir.Path, "a/b"));
        Assert.Throws<SameSessionException>(() => TarPath.Resolve(dir.Path, "../b"));
    }
}

public class GzipLayerTests
{
    [Fact]
    public void System_tar_lists_a_gzipped_archive()
    {
        using var dir = new TempDir("gz");
        var file = dir.Combine("a.tgz");
        using (var fs = File.Create(file))
        using (var gz = GzipLayer.Compress(fs))
        using (var w = new TarArchiveWriter(gz, DateTimeOffset.UnixEpoch, leaveOpen: true))
        {
            w.WriteFile("manifest.json", 2, new MemoryStream("{}"u8.ToArray()));
            w.Finish();
        }
        Assert.Equal("manifest.json\n", TarArchiveTests.RunTar("-tzf", file, dir.Path));
    }

    [Fact]
    public void A_compression_bomb_stops_at_the_budget()
    {
        var packed = new MemoryStream();
        using (var gz = GzipLayer.Compress(packed, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) gz.Write(zeros);
        }
        Assert.True(packed.Length < 1 << 20);
        packed.Position = 0;
        using var budget = GzipLayer.Decompress(packed, 4 << 20);
        var ex = Assert.Throws<SameSessionException>(() => budget.Stream.CopyTo(Stream.Null));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
        Assert.True(budget.Consumed <= (4 << 20) + (1 << 20), $"read {budget.Consumed} bytes past the budget");
    }

    [Fact]
    public void Damaged_gzip_is_corrupt()
    {
        var packed = new MemoryStream();
        using (var gz = GzipLayer.Compress(packed, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(new string('q', 10_000) + Guid.NewGuid()));
        var bytes = packed.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        bytes[^6] ^= 0xFF; // the CRC
        using var budget = GzipLayer.Decompress(new MemoryStream(bytes), 1 << 20);
        var ex = Assert.Throws<SameSessionException>(() => budget.Stream.CopyTo(Stream.Null));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
    }
}
