using System.Buffers;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Capsules.Tar;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;

namespace SameSession.Core.Capsules;

/// <summary>
/// Opens a capsule: decrypts, decompresses under a byte budget, and reads manifest.json (which must be the first entry)
/// before anything else. <see cref="ExtractTo"/> or <see cref="Verify"/> then stream the remaining entries once,
/// checking each against the manifest (declared, exact size, SHA-256), and finally read to the end so age
/// authenticates the last chunk. Nothing outside the staging folder is ever written.
/// </summary>
public sealed class CapsuleReader : IDisposable
{
    private const int HeaderSlackPerEntry = 3 * TarHeader.BlockSize + PaxRecords.MaxHeaderSize;
    private const int ArchiveSlack = 64 * 1024;

    private readonly Stream _plain;
    private readonly DecompressionBudget _inflated;
    private readonly TarArchiveReader _tar;
    private readonly Dictionary<string, CapsuleFile> _declared;
    private bool _consumed;

    private CapsuleReader(Stream plain, CapsuleReadLimits limits)
    {
        _plain = plain;
        _inflated = GzipLayer.Decompress(plain, ManifestJson.MaxBytes + HeaderSlackPerEntry + ArchiveSlack, leaveOpen: true, readAhead: true);
        var manifestLimits = new TarReadLimits(ManifestJson.MaxBytes, ManifestRules.MaxFiles + 1);
        _tar = new TarArchiveReader(_inflated.Stream, manifestLimits);
        try { Manifest = ReadManifest(limits); }
        catch
        {
            _inflated.Dispose(); // stops the inflating thread before the caller disposes what it reads from
            throw;
        }
        _declared = Manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        // Now the manifest says how much may follow: every file, its headers, and the end marker.
        // Entry sizes are compared with the manifest (CapsuleTampered) before any content is read; the tar limit is the backstop.
        _tar.Limits = new TarReadLimits(limits.MaxFileSize, Manifest.Files.Count + 1);
        _inflated.Budget = _inflated.Consumed + Manifest.TotalSize() + (long)HeaderSlackPerEntry * Manifest.Files.Count + ArchiveSlack;
    }

    public CapsuleManifest Manifest { get; }

    /// <summary>Decrypts with <paramref name="identities"/>; NoMatchingIdentity, CapsuleCorrupt, CapsuleTampered or UnsupportedFormat on failure.</summary>
    public static CapsuleReader Open(Stream capsule, IReadOnlyList<IAgeIdentity> identities, CapsuleReadLimits? limits = null) =>
        Open(capsule, s => AgeEncryption.Decrypt(s, identities, leaveOpen: true), limits);

    /// <summary>The decryption seam: <paramref name="decrypt"/> turns the capsule stream into the gzip stream.</summary>
    internal static CapsuleReader Open(Stream capsule, Func<Stream, Stream> decrypt, CapsuleReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(capsule);
        // Decrypting, inflating and hashing/writing each get a thread, like `age -d | gzip -d | tar -x`.
        var plain = new ReadAheadStream(decrypt(capsule), "capsule decrypt");
        try { return new CapsuleReader(plain, limits ?? CapsuleReadLimits.Default); }
        catch
        {
            plain.Dispose();
            throw;
        }
    }

    private CapsuleManifest ReadManifest(CapsuleReadLimits limits)
    {
        var first = _tar.Next() ?? throw CapsuleErrors.Corrupt("the archive is empty; manifest.json is missing");
        if (first.Path != CapsuleManifest.EntryName) throw CapsuleErrors.Corrupt("manifest.json is not the first entry", first.Path);
        var bytes = new byte[first.Size];
        _tar.OpenContent().ReadExactly(bytes);
        var manifest = ManifestJson.Parse(bytes);
        if (manifest.Files.FirstOrDefault(f => f.Size > limits.MaxFileSize) is { } big)
            throw CapsuleErrors.Corrupt($"the manifest declares {big.Size} bytes, over the {limits.MaxFileSize}-byte limit per file", big.Path);
        if (manifest.TotalSize() > limits.MaxTotalSize)
            throw CapsuleErrors.Corrupt($"the manifest declares {manifest.TotalSize()} bytes in all, over the {limits.MaxTotalSize}-byte limit");
        return manifest;
    }

    /// <summary>
    /// Extracts every entry into a new folder under <paramref name="stagingParent"/> and verifies it. On any failure the
    /// new folder is removed and the error rethrown; on success the caller owns the returned staging folder.
    /// </summary>
    public StagedCapsule ExtractTo(string stagingParent)
    {
        Directory.CreateDirectory(stagingParent);
        var root = Path.Combine(Path.GetFullPath(stagingParent), $".samesession-staging-{Guid.NewGuid():N}");
        var created = Directory.CreateDirectory(root);
        if (created.LinkTarget is not null || created.EnumerateFileSystemInfos().Any())
            throw new SameSessionException(ErrorIds.IoFailed, $"The staging folder '{root}' already existed; refusing to extract into it.", root);
        var staged = new StagedCapsule(root, Manifest);
        try
        {
            ReadEntries((file, content) =>
            {
                var target = TarPath.Resolve(root, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                content.CopyTo(output);
            });
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Reads and verifies every entry without writing anything.</summary>
    public void Verify() => ReadEntries((_, content) => content.CopyTo(Stream.Null));

    private void ReadEntries(Action<CapsuleFile, Stream> sink)
    {
        if (_consumed) throw new InvalidOperationException("A capsule's entries can be read once; open it again.");
        _consumed = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_tar.Next() is { } entry)
        {
            if (!_declared.TryGetValue(entry.Path, out var file)) throw CapsuleErrors.Corrupt("entry not listed in the manifest", entry.Path);
            if (entry.Size != file.Size) throw CapsuleErrors.Tampered($"entry holds {entry.Size} bytes but the manifest says {file.Size}", entry.Path);
            seen.Add(entry.Path);
            using var hashing = new HashingReadStream(_tar.OpenContent());
            sink(file, hashing);
            hashing.CopyTo(Stream.Null);
            if (hashing.Sha256Hex() != file.Sha256) throw CapsuleErrors.Tampered("SHA-256 differs from the manifest", entry.Path);
        }
        if (_declared.Keys.FirstOrDefault(p => !seen.Contains(p)) is { } absent)
            throw CapsuleErrors.Corrupt("a file the manifest lists is missing from the archive", absent);
        DrainToEnd();
    }

    /// <summary>Reads the decrypted stream to its end: age authenticates the final chunk only there.</summary>
    private void DrainToEnd()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            long extra = 0;
            int n;
            while ((n = _plain.Read(buffer, 0, buffer.Length)) > 0)
                if ((extra += n) > ArchiveSlack) throw CapsuleErrors.Corrupt("data follows the compressed archive");
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    public void Dispose()
    {
        _inflated.Dispose();
        _plain.Dispose();
    }
}
