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
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(sources);
        ManifestRules.Check(manifest);
        var byPath = sources.ToDictionary(s => s.Path, StringComparer.Ordinal);
        var missing = manifest.Files.Select(f => f.Path).Where(p => !byPath.ContainsKey(p)).ToList();
        var extra = byPath.Keys.Except(manifest.Files.Select(f => f.Path), StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new ArgumentException($"Manifest files and sources differ (no source for: {string.Join(", ", missing)}; not in manifest: {string.Join(", ", extra)}).", nameof(sources));

        var manifestBytes = ManifestJson.Serialize(manifest);
        using var encrypted = encrypt(destination);
        using var gzip = GzipLayer.Compress(encrypted, leaveOpen: true);
        // Compressing and encrypting run on their own thread while this one reads and hashes the sources.
        using var behind = new WriteBehindStream(gzip, "capsule compress");
        using (var tar = new TarArchiveWriter(behind, manifest.Created, leaveOpen: true))
        {
            tar.WriteFile(CapsuleManifest.EntryName, manifestBytes.Length, new MemoryStream(manifestBytes));
            foreach (var file in manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
                CopyVerified(tar, file, byPath[file.Path]);
            tar.Finish();
        }
        behind.Complete();
    }

    private static void CopyVerified(TarArchiveWriter tar, CapsuleFile file, CapsuleFileSource source)
    {
        using var hashing = new HashingReadStream(source.Open());
        tar.WriteFile(file.Path, file.Size, hashing, file.Executable);
        var grew = hashing.ReadByte() != -1;
        if (grew || hashing.Sha256Hex() != file.Sha256)
            throw new SameSessionException(ErrorIds.SessionLocked,
                $"'{file.Path}' changed while it was being exported (is the agent still running?); close the agent and export again.", file.Path);
    }
}
