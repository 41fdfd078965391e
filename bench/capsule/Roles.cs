using System.Diagnostics;
using System.Security.Cryptography;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Policy;

namespace SameSession.Bench.Capsule;

/// <summary>
/// Our side of the benchmark, run as a child process so /usr/bin/time can measure its peak memory alone:
/// <c>--role export HOME CAPSULE RECIPIENT</c>, <c>--role import CAPSULE KEYFILE STAGING</c>, and
/// <c>--role layers CAPSULE KEYFILE</c> (how long decrypting alone and decrypting + inflating take, for profiling).
/// </summary>
internal static class Roles
{
    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "export": Export(args[1], args[2], AgeKeys.ParseRecipient(args[3])); break;
            case "import": Import(args[1], AgeKeys.ParseIdentities(File.ReadAllText(args[2])), args[3]); break;
            case "layers": Layers(args[1], AgeKeys.ParseIdentities(File.ReadAllText(args[2]))); break;
            default: throw new ArgumentException($"unknown role '{args[0]}'");
        }
        return 0;
    }

    // What an export does with each file (like PreparedFile): secret-scan it and measure (size + SHA-256) it for the
    // manifest in one read, then pack it, hashing it again to catch a change in between.
    private static void Export(string home, string capsule, IAgeRecipient recipient)
    {
        var files = Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories).ToList();
        var sources = files.Select(f => CapsuleFileSource.FromFile("native/" + Path.GetRelativePath(home, f).Replace('\\', '/'), "transcript", f)).ToList();
        var manifest = new CapsuleManifest
        {
            Created = DateTimeOffset.UtcNow,
            Tool = new ToolInfo("samesession", "bench"),
            Provider = new ProviderInfo("ClaudeCode", null),
            Session = new SessionInfo("bench", null),
            Source = SourceDescription.ForThisMachine(home, home),
            Files = [.. sources.Select(ScanAndMeasure)],
        };
        CapsuleWriter.WriteFile(capsule, manifest, sources, [recipient]);
    }

    private static CapsuleFile ScanAndMeasure(CapsuleFileSource source)
    {
        using var sha = SHA256.Create();
        long size;
        using (var file = source.Open())
        using (var hashing = new CryptoStream(file, sha, CryptoStreamMode.Read))
        {
            SecretScanner.Scan(hashing, source.Path);
            hashing.CopyTo(Stream.Null);
            size = file.Position;
        }
        return new CapsuleFile(source.Path, source.Role, size, Convert.ToHexStringLower(sha.Hash!), source.Executable);
    }

    private static void Import(string capsule, IReadOnlyList<IAgeIdentity> identities, string staging)
    {
        using var fs = File.OpenRead(capsule);
        using var reader = CapsuleReader.Open(fs, identities);
        using var staged = reader.ExtractTo(staging);
    }

    private static void Layers(string capsule, IReadOnlyList<IAgeIdentity> identities)
    {
        var sw = Stopwatch.StartNew();
        using (var fs = File.OpenRead(capsule)) fs.CopyTo(Stream.Null);
        Console.WriteLine($"read file        {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        using (var fs = File.OpenRead(capsule))
        using (var plain = AgeEncryption.Decrypt(fs, identities)) plain.CopyTo(Stream.Null);
        Console.WriteLine($"decrypt          {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        using (var fs = File.OpenRead(capsule))
        using (var plain = AgeEncryption.Decrypt(fs, identities))
        using (var gz = new System.IO.Compression.GZipStream(plain, System.IO.Compression.CompressionMode.Decompress)) gz.CopyTo(Stream.Null);
        Console.WriteLine($"decrypt+inflate  {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        using (var fs = File.OpenRead(capsule))
        using (var reader = CapsuleReader.Open(fs, identities)) reader.Verify();
        Console.WriteLine($"full verify      {sw.Elapsed.TotalSeconds:F2} s (decrypt, inflate, tar, SHA-256; no writes)");
    }
}
