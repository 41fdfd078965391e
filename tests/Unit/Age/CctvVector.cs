using System.IO.Compression;
using System.Text;

namespace SameSession.Tests.Unit.Age;

/// <summary>One CCTV age vector: its metadata lines (keys may repeat) and the age file bytes.</summary>
internal sealed record CctvVector(string Name, IReadOnlyList<KeyValuePair<string, string>> Meta, byte[] File)
{
    public static string Folder => Path.Combine(TestPaths.Fixtures, "cctv-age");

    public string Expect => Values("expect").Single();
    public string? Payload => Values("payload").SingleOrDefault();
    public bool Armored => Values("armored").Contains("yes");
    public IEnumerable<string> Identities => Values("identity");
    public IEnumerable<string> Passphrases => Values("passphrase");

    /// <summary>Vectors whose only keys are ML-KEM hybrid identities cannot run with BouncyCastle 1.8.10.</summary>
    public bool NeedsPostQuantum =>
        Identities.Any(i => i.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal))
        && !Identities.Any(i => !i.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal))
        && !Passphrases.Any();

    public IEnumerable<string> Values(string key) => Meta.Where(m => m.Key == key).Select(m => m.Value);

    public static CctvVector Load(string name)
    {
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(Folder, name));
        var meta = new List<KeyValuePair<string, string>>();
        var pos = 0;
        while (true)
        {
            var lf = Array.IndexOf(bytes, (byte)'\n', pos);
            var line = Encoding.UTF8.GetString(bytes, pos, lf - pos);
            pos = lf + 1;
            if (line.Length == 0) break;
            var sep = line.IndexOf(": ", StringComparison.Ordinal);
            meta.Add(new(line[..sep], line[(sep + 2)..]));
        }
        var file = bytes[pos..];
        if (meta.Any(m => m is { Key: "compressed", Value: "zlib" }))
        {
            using var z = new ZLibStream(new MemoryStream(file), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            z.CopyTo(ms);
            file = ms.ToArray();
        }
        return new CctvVector(name, meta, file);
    }

    public static IEnumerable<string> AllNames() =>
        Directory.GetFiles(Folder).Select(Path.GetFileName).Where(n => !n!.StartsWith('.') && !n.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!;
}
