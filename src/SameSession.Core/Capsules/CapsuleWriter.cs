using System.Security.Cryptography;
using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Capsules.Tar;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;

namespace SameSession.Core.Capsules;

/// <summary>
/// Writes age(gzip(tar(manifest.json, files…))) in one streaming pass. The manifest already holds each file's size and
/// SHA-256 (measured earlier, after any redaction); every file is hashed again as it is copied, so a file that changed
/// in between fails the export instead of producing a capsule whose manifest lies.
/// </summary>
public static class CapsuleWriter
{
    /// <summary>Encrypts to <paramref name="recipients"/> and writes to <paramref name="destination"/> (left open).</summary>
    public static void Write(Stream destination, CapsuleManifest manifest, IReadOnlyList<CapsuleFileSource> sources, IReadOnlyList<IAgeRecipient> recipients, bool armor = false) =>
        Write(destination, manifest, sources, d => AgeEncryption.Encrypt(d, recipients, armor, leaveOpen: true));

    /// <summary>
    /// Writes the capsule to <paramref name="path"/> through a temporary file in the same folder, so a failure leaves
    /// nothing behind and readers never see half a capsule. An existing file is DestinationExists unless <paramref name="overwrite"/>.
    /// </summary>
    public static void WriteFile(string path, CapsuleManifest manifest, IReadOnlyList<CapsuleFileSource> sources, IReadOnlyList<IAgeRecipient> recipients, bool armor = false, bool overwrite = false) =>
        WriteFile(path, overwrite, s => Write(s, manifest, sources, recipients, armor));

    /// <summary>A bundle capsule of <paramref name="members"/>, written atomically like <see cref="WriteFile(string, CapsuleManifest, IReadOnlyList{CapsuleFileSource}, IReadOnlyList{IAgeRecipient}, bool, bool)"/>.</summary>
    public static BundleManifest WriteBundleFile(string path, DateTimeOffset created, ToolInfo tool, IReadOnlyList<(CapsuleManifest Manifest, IReadOnlyList<CapsuleFileSource> Sources)> members, IReadOnlyList<IAgeRecipient> recipients, bool armor = false, bool overwrite = false)
    {
        BundleManifest? written = null;
        WriteFile(path, overwrite, s => written = WriteBundle(s, created, tool, members, d => AgeEncryption.Encrypt(d, recipients, armor, leaveOpen: true)));
        return written!;
    }

    internal static void WriteFile(string path, bool overwrite, Action<Stream> write)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
            throw new SameSessionException(ErrorIds.DestinationExists, $"'{full}' already exists; choose another path or use -Force.", full);
        var temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            try { File.Move(temp, full, overwrite); }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                throw new SameSessionException(ErrorIds.DestinationExists, $"'{full}' already exists; choose another path or use -Force.", full);
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The encryption seam: <paramref name="encrypt"/> wraps the destination in a write stream whose Dispose finishes it.</summary>
    internal static void Write(Stream destination, CapsuleManifest manifest, IReadOnlyList<CapsuleFileSource> sources, Func<Stream, Stream> encrypt)
    {
        var byPath = SourcesByPath(manifest, sources);
        var manifestBytes = ManifestJson.Serialize(manifest);
        using var encrypted = encrypt(destination);
        using var gzip = GzipLayer.Compress(encrypted, leaveOpen: true);
        // Compressing and encrypting run on their own thread while this one reads and hashes the sources.
        using var behind = new WriteBehindStream(gzip, "capsule compress");
        using (var tar = new TarArchiveWriter(behind, manifest.Created, leaveOpen: true))
        {
            tar.WriteFile(CapsuleManifest.EntryName, manifestBytes.Length, new MemoryStream(manifestBytes));
            WriteFiles(tar, "", manifest, byPath);
            tar.Finish();
        }
        behind.Complete();
    }

    /// <summary>
    /// A bundle: manifest.json listing the members, then per member i its own manifest and files under sessions/i/
    /// (docs/formats/capsule-v1.md, "Bundles"). Returns the bundle manifest written.
    /// </summary>
    internal static BundleManifest WriteBundle(Stream destination, DateTimeOffset created, ToolInfo tool, IReadOnlyList<(CapsuleManifest Manifest, IReadOnlyList<CapsuleFileSource> Sources)> members, Func<Stream, Stream> encrypt)
    {
        ArgumentNullException.ThrowIfNull(members);
        var prepared = members.Select(m => (m.Manifest, Bytes: ManifestJson.Serialize(m.Manifest), ByPath: SourcesByPath(m.Manifest, m.Sources))).ToList();
        var bundle = new BundleManifest
        {
            Created = created,
            Tool = tool,
            Members = [.. prepared.Select((m, i) => new BundleMember(BundleManifest.MemberPath(i), m.Manifest.Provider.Name, m.Manifest.Session.NativeId, m.Manifest.Session.Title,
                m.Bytes.Length, Convert.ToHexString(SHA256.HashData(m.Bytes)).ToLowerInvariant(), m.Manifest.Files.Count, m.Manifest.TotalSize()))],
        };
        BundleJson.Check(bundle);
        var bundleBytes = BundleJson.Serialize(bundle);
        using var encrypted = encrypt(destination);
        using var gzip = GzipLayer.Compress(encrypted, leaveOpen: true);
        using var behind = new WriteBehindStream(gzip, "bundle compress");
        using (var tar = new TarArchiveWriter(behind, created, leaveOpen: true))
        {
            tar.WriteFile(CapsuleManifest.EntryName, bundleBytes.Length, new MemoryStream(bundleBytes));
            foreach (var (m, i) in prepared.Select((m, i) => (m, i)))
            {
                var member = bundle.Members[i];
                tar.WriteFile(member.ManifestEntry, m.Bytes.Length, new MemoryStream(m.Bytes));
                WriteFiles(tar, member.Path + "/", m.Manifest, m.ByPath);
            }
            tar.Finish();
        }
        behind.Complete();
        return bundle;
    }

    private static Dictionary<string, CapsuleFileSource> SourcesByPath(CapsuleManifest manifest, IReadOnlyList<CapsuleFileSource> sources)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(sources);
        ManifestRules.Check(manifest);
        var byPath = sources.ToDictionary(s => s.Path, StringComparer.Ordinal);
        var missing = manifest.Files.Select(f => f.Path).Where(p => !byPath.ContainsKey(p)).ToList();
        var extra = byPath.Keys.Except(manifest.Files.Select(f => f.Path), StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new ArgumentException($"Manifest files and sources differ (no source for: {string.Join(", ", missing)}; not in manifest: {string.Join(", ", extra)}).", nameof(sources));
        return byPath;
    }

    private static void WriteFiles(TarArchiveWriter tar, string prefix, CapsuleManifest manifest, Dictionary<string, CapsuleFileSource> byPath)
    {
        foreach (var file in manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            CopyVerified(tar, prefix, file, byPath[file.Path]);
    }

    private static void CopyVerified(TarArchiveWriter tar, string prefix, CapsuleFile file, CapsuleFileSource source)
    {
        using var hashing = new HashingReadStream(source.Open());
        tar.WriteFile(prefix + file.Path, file.Size, hashing, file.Executable);
        var grew = hashing.ReadByte() != -1;
        if (grew || hashing.Sha256Hex() != file.Sha256)
            throw new SameSessionException(ErrorIds.SessionLocked,
                $"'{file.Path}' changed while it was being exported (is the agent still running?); close the agent and export again.", file.Path);
    }
}
