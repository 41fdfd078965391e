using System.IO.Compression;
using System.Text;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Tar;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>Bundles for tests: honest ones through the writer's plaintext seam, hostile ones crafted entry by entry, and tampering.</summary>
internal static class BundleTestKit
{
    public static readonly ToolInfo Tool = new("samesession", "0.1.0");
    public static readonly DateTimeOffset Created = new(2026, 5, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A member of provider/id whose one transcript holds <paramref name="content"/>.</summary>
    public static (CapsuleManifest Manifest, IReadOnlyList<CapsuleFileSource> Sources) Member(string provider, string id, string content)
    {
        CapsuleFileSource[] sources = [CapsuleTestKit.Text($"native/sessions/{id}.jsonl", content)];
        return (ManifestTests.Sample([.. sources.Select(s => s.Measure())]) with { Provider = new ProviderInfo(provider, null), Session = new SessionInfo(id, $"title {id}") }, sources);
    }

    public static byte[] Plain(params (CapsuleManifest Manifest, IReadOnlyList<CapsuleFileSource> Sources)[] members)
    {
        var ms = new MemoryStream();
        CapsuleWriter.WriteBundle(ms, Created, Tool, members, d => new PassThrough(d));
        return ms.ToArray();
    }

    /// <summary>gzip(tar) of exactly these entries, in this order: what a hostile writer may emit.</summary>
    public static byte[] Crafted(params (string Path, byte[] Content)[] entries)
    {
        var ms = new MemoryStream();
        using (var gzip = GzipLayer.Compress(ms, leaveOpen: true))
        using (var tar = new TarArchiveWriter(gzip, Created, leaveOpen: true))
        {
            foreach (var (path, content) in entries) tar.WriteFile(path, content.Length, new MemoryStream(content));
            tar.Finish();
        }
        return ms.ToArray();
    }

    public static (string, byte[]) Entry(string path, string content) => (path, Encoding.UTF8.GetBytes(content));

    /// <summary>A member's manifest entry with the bundle's record of it (size and SHA-256 match).</summary>
    public static (BundleMember Member, (string, byte[]) Entry) PinnedManifest(int index, CapsuleManifest manifest)
    {
        var bytes = ManifestJson.Serialize(manifest);
        var path = BundleManifest.MemberPath(index);
        var member = new BundleMember(path, manifest.Provider.Name, manifest.Session.NativeId, null, bytes.Length,
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), manifest.Files.Count, manifest.TotalSize());
        return (member, ($"{path}/manifest.json", bytes));
    }

    public static (string, byte[]) BundleManifestEntry(params BundleMember[] members) =>
        ("manifest.json", BundleJson.Serialize(new BundleManifest { Created = Created, Tool = Tool, Members = members }));

    /// <summary>Flips one byte inside the first occurrence of <paramref name="needle"/> in the tar under the gzip; sizes stay the same.</summary>
    public static byte[] Tamper(byte[] gzipTar, byte[] needle)
    {
        var tar = Gunzip(gzipTar);
        var at = tar.AsSpan().IndexOf(needle);
        if (at < 0) throw new InvalidOperationException("needle not in the archive");
        tar[at + needle.Length / 2] ^= 0x20;
        var ms = new MemoryStream();
        using (var gzip = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(tar);
        return ms.ToArray();
    }

    public static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        var ms = new MemoryStream();
        input.CopyTo(ms);
        return ms.ToArray();
    }

    private sealed class PassThrough(Stream inner) : SameSession.Core.Crypto.Age.WriteOnlyStream
    {
        public override bool CanWrite => true;
        public override void Flush() => inner.Flush();
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
