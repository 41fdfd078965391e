using System.Buffers;
using SameSession.Core.Capsules.Bundle;
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
    private readonly CapsuleReadLimits _limits;
    private readonly CapsuleManifest? _manifest;
    private bool _consumed;

    private CapsuleReader(Stream plain, CapsuleReadLimits limits)
    {
        _plain = plain;
        _limits = limits;
        _inflated = GzipLayer.Decompress(plain, ManifestJson.MaxBytes + HeaderSlackPerEntry + ArchiveSlack, leaveOpen: true, readAhead: true);
        var manifestLimits = new TarReadLimits(ManifestJson.MaxBytes, ManifestRules.MaxFiles + 1);
        _tar = new TarArchiveReader(_inflated.Stream, manifestLimits);
        try
        {
            var bytes = ReadManifestBytes();
            if (ManifestJson.FormatOf(bytes) == BundleManifest.FormatV1)
            {
                Bundle = BundleJson.Parse(bytes);
                if (Bundle.TotalSize() > limits.MaxTotalSize)
                    throw CapsuleErrors.Corrupt($"the bundle declares {Bundle.TotalSize()} bytes in all, over the {limits.MaxTotalSize}-byte limit");
                AllowToFollow(Math.Max(limits.MaxFileSize, ManifestJson.MaxBytes), Bundle.EntryCount(), Bundle.TotalSize());
                return;
            }
            _manifest = CheckedManifest(bytes);
        }
        catch
        {
            _inflated.Dispose(); // stops the inflating thread before the caller disposes what it reads from
            throw;
        }
        // Now the manifest says how much may follow: every file, its headers, and the end marker.
        // Entry sizes are compared with the manifest (CapsuleTampered) before any content is read; the tar limit is the backstop.
        AllowToFollow(limits.MaxFileSize, _manifest.Files.Count, _manifest.TotalSize());
    }

    /// <summary>The manifest of a single-session capsule; a bundle has <see cref="Bundle"/> instead.</summary>
    public CapsuleManifest Manifest => _manifest ?? throw new InvalidOperationException("This capsule is a bundle; read its members with ReadBundle.");

    /// <summary>The member list when the capsule is a bundle of several sessions, else null.</summary>
    public BundleManifest? Bundle { get; }

    private void AllowToFollow(long maxEntrySize, int entries, long totalSize)
    {
        _tar.Limits = new TarReadLimits(maxEntrySize, entries + 1);
        _inflated.Budget = _inflated.Consumed + totalSize + (long)HeaderSlackPerEntry * entries + ArchiveSlack;
    }

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

    private byte[] ReadManifestBytes()
    {
        var first = _tar.Next() ?? throw CapsuleErrors.Corrupt("the archive is empty; manifest.json is missing");
        if (first.Path != CapsuleManifest.EntryName) throw CapsuleErrors.Corrupt("manifest.json is not the first entry", first.Path);
        var bytes = new byte[first.Size];
        _tar.OpenContent().ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Parses a single-session manifest and applies the size limits (shared with bundle members).</summary>
    internal CapsuleManifest CheckedManifest(byte[] bytes)
    {
        var limits = _limits;
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
        var staged = new StagedCapsule(NewStagingFolder(stagingParent), Manifest);
        try
        {
            ReadEntries((file, content) => WriteStaged(staged.Root, file.Path, content));
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    internal static string NewStagingFolder(string stagingParent)
    {
        Directory.CreateDirectory(stagingParent);
        var root = Path.Combine(Path.GetFullPath(stagingParent), $".samesession-staging-{Guid.NewGuid():N}");
        var created = Directory.CreateDirectory(root);
        if (created.LinkTarget is not null || created.EnumerateFileSystemInfos().Any())
            throw new SameSessionException(ErrorIds.IoFailed, $"The staging folder '{root}' already existed; refusing to extract into it.", root);
        return root;
    }

    internal static void WriteStaged(string root, string entryPath, Stream content)
    {
        var target = TarPath.Resolve(root, entryPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        content.CopyTo(output);
    }

    /// <summary>Reads and verifies every entry without writing anything.</summary>
    public void Verify() => ReadEntries((_, content) => content.CopyTo(Stream.Null));

    /// <summary>
    /// Reads a bundle's members, each verified on its own: a member that fails (CapsuleTampered, CapsuleCorrupt) is
    /// reported with its error and nothing of it is kept, while the others are still read. With
    /// <paramref name="stagingParent"/> each good member is extracted into its own staging folder; without, only verified.
    /// A fault of the archive itself (framing, decryption, the bundle manifest) still fails the whole bundle.
    /// </summary>
    public StagedBundle ReadBundle(Func<BundleMember, string>? stagingParent)
    {
        var bundle = Bundle ?? throw new InvalidOperationException("This capsule holds one session; use ExtractTo or Verify.");
        StartReading();
        return BundleEntries.Read(this, _tar, bundle, stagingParent, DrainToEnd);
    }

    private void StartReading()
    {
        if (_consumed) throw new InvalidOperationException("A capsule's entries can be read once; open it again.");
        _consumed = true;
    }

    private void ReadEntries(Action<CapsuleFile, Stream> sink)
    {
        StartReading();
        var manifest = Manifest;
        var declared = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_tar.Next() is { } entry)
        {
            if (!declared.TryGetValue(entry.Path, out var file)) throw CapsuleErrors.Corrupt("entry not listed in the manifest", entry.Path);
            if (entry.Size != file.Size) throw CapsuleErrors.Tampered($"entry holds {entry.Size} bytes but the manifest says {file.Size}", entry.Path);
            seen.Add(entry.Path);
            using var hashing = new HashingReadStream(_tar.OpenContent());
            sink(file, hashing);
            hashing.CopyTo(Stream.Null);
            if (hashing.Sha256Hex() != file.Sha256) throw CapsuleErrors.Tampered("SHA-256 differs from the manifest", entry.Path);
        }
        if (declared.Keys.FirstOrDefault(p => !seen.Contains(p)) is { } absent)
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
