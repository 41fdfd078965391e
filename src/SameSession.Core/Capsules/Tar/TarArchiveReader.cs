using System.Buffers;

namespace SameSession.Core.Capsules.Tar;

/// <summary>
/// Reads a tar stream strictly, one entry at a time, never seeking. It accepts only what <see cref="TarArchiveWriter"/>
/// writes: ustar regular files and pax 'x' records for path/size/mtime. It refuses, as CapsuleCorrupt, links, devices,
/// FIFOs, directories, GNU/global extensions, unsafe or duplicate names, oversize entries, bad checksums, a missing end
/// marker and anything but zeros after it.
/// </summary>
public sealed class TarArchiveReader
{
    private readonly Stream _in;
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[] _block = new byte[TarHeader.BlockSize];
    private long _unread;     // data bytes of the current entry not yet consumed
    private int _padding;     // zero bytes after the current entry's data
    private bool _ended;
    private TarEntryHeader? _current;

    public TarArchiveReader(Stream input, TarReadLimits? limits = null)
    {
        _in = input;
        Limits = limits ?? TarReadLimits.Default;
    }

    /// <summary>The bounds checked at each header; a capsule reader tightens them once its manifest is known.</summary>
    public TarReadLimits Limits { get; set; }

    /// <summary>The next file entry, or null after the end-of-archive marker. Unread data of the previous entry is skipped.</summary>
    public TarEntryHeader? Next()
    {
        if (_ended) return null;
        Skip(_unread + _padding, _current?.Path);
        _unread = 0;
        _padding = 0;
        _current = null;

        Dictionary<string, string>? pax = null;
        while (true)
        {
            if (!ReadBlock()) throw CapsuleErrors.Corrupt("the archive ends without its end marker (truncated)");
            if (TarHeader.IsZero(_block))
            {
                if (pax is not null) throw CapsuleErrors.Corrupt("a pax header is not followed by an entry");
                if (!ReadBlock() || !TarHeader.IsZero(_block)) throw CapsuleErrors.Corrupt("the end marker is incomplete (truncated)");
                RequireOnlyZerosToEnd();
                _ended = true;
                return null;
            }
            var stored = TarHeader.ReadOctal(_block.AsSpan(TarHeader.ChecksumOffset, TarHeader.ChecksumLength));
            if (stored != TarHeader.Checksum(_block)) throw CapsuleErrors.Corrupt("a tar header checksum does not match");
            if (!_block.AsSpan(TarHeader.MagicOffset, 8).SequenceEqual("ustar\000"u8))
                throw CapsuleErrors.Corrupt("a tar header is not POSIX ustar");
            var type = _block[TarHeader.TypeOffset];
            var size = TarHeader.ReadOctal(_block.AsSpan(TarHeader.SizeOffset, TarHeader.SizeLength))
                ?? throw CapsuleErrors.Corrupt("a tar header has an unreadable size");

            if (type == TarHeader.PaxExtended)
            {
                if (pax is not null) throw CapsuleErrors.Corrupt("two pax headers in a row");
                if (size > PaxRecords.MaxHeaderSize) throw CapsuleErrors.Corrupt("a pax header is too large");
                var data = new byte[size];
                ReadExactly(data, "a pax header");
                Skip(PadOf(size), null);
                pax = PaxRecords.Parse(data);
                continue;
            }
            if (type is not (TarHeader.RegularFile or TarHeader.RegularFileOld))
                throw CapsuleErrors.Corrupt($"entry type '{DescribeType(type)}' is not allowed; capsules hold regular files only", NameOf(null));
            return _current = Accept(pax, size);
        }
    }

    private TarEntryHeader Accept(Dictionary<string, string>? pax, long headerSize)
    {
        var path = NameOf(pax) ?? throw CapsuleErrors.Corrupt("an entry name is not UTF-8");
        if (TarPath.Problem(path) is { } problem) throw CapsuleErrors.Corrupt(problem, path);
        var size = headerSize;
        if (pax is not null && pax.TryGetValue("size", out var paxSize) && (!long.TryParse(paxSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size)))
            throw CapsuleErrors.Corrupt("a pax size is not a number", path);
        if (size > Limits.MaxEntrySize) throw CapsuleErrors.Corrupt($"entry of {size} bytes exceeds the limit of {Limits.MaxEntrySize}", path);
        if (!_names.Add(path)) throw CapsuleErrors.Corrupt("duplicate entry", path);
        if (_names.Count > Limits.MaxEntries) throw CapsuleErrors.Corrupt($"more than {Limits.MaxEntries} entries");
        var mode = TarHeader.ReadOctal(_block.AsSpan(TarHeader.ModeOffset, TarHeader.IdLength)) ?? 0;
        _unread = size;
        _padding = PadOf(size);
        return new TarEntryHeader(path, size, (mode & 0b001_000_000) != 0);
    }

    private string? NameOf(Dictionary<string, string>? pax)
    {
        if (pax is not null && pax.TryGetValue("path", out var p)) return p;
        var name = TarHeader.ReadText(_block.AsSpan(TarHeader.NameOffset, TarHeader.NameLength));
        var prefix = TarHeader.ReadText(_block.AsSpan(TarHeader.PrefixOffset, TarHeader.PrefixLength));
        if (name is null || prefix is null) return null;
        return prefix.Length == 0 ? name : prefix + "/" + name;
    }

    /// <summary>The current entry's data: exactly its size, then end of stream. Truncation throws CapsuleCorrupt.</summary>
    public Stream OpenContent()
    {
        var entry = _current ?? throw new InvalidOperationException("Call Next() first.");
        return new EntryContentStream(this, entry.Path);
    }

    private static string DescribeType(byte type) => type switch
    {
        (byte)'1' => "hard link",
        (byte)'2' => "symbolic link",
        (byte)'3' => "character device",
        (byte)'4' => "block device",
        (byte)'5' => "directory",
        (byte)'6' => "FIFO",
        (byte)'g' => "pax global header",
        (byte)'L' or (byte)'K' => "GNU long name",
        _ => ((char)type).ToString(),
    };

    private static int PadOf(long size) => (int)((TarHeader.BlockSize - size % TarHeader.BlockSize) % TarHeader.BlockSize);

    private bool ReadBlock()
    {
        var got = _in.ReadAtLeast(_block, TarHeader.BlockSize, throwOnEndOfStream: false);
        if (got == 0) return false;
        if (got < TarHeader.BlockSize) throw CapsuleErrors.Corrupt("the archive ends inside a header (truncated)");
        return true;
    }

    private void ReadExactly(Span<byte> buffer, string what)
    {
        if (_in.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw CapsuleErrors.Corrupt($"the archive ends inside {what} (truncated)");
    }

    private void Skip(long count, string? entry)
    {
        if (count == 0) return;
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (count > 0)
            {
                var n = _in.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
                if (n == 0) throw CapsuleErrors.Corrupt("the archive ends inside an entry (truncated)", entry);
                count -= n;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private void RequireOnlyZerosToEnd()
    {
        int n;
        while ((n = _in.Read(_block, 0, _block.Length)) > 0)
            if (_block.AsSpan(0, n).ContainsAnyExcept((byte)0)) throw CapsuleErrors.Corrupt("data follows the end-of-archive marker");
    }

    private int ReadData(Span<byte> buffer, string entry)
    {
        if (_unread == 0) return 0;
        var want = (int)Math.Min(buffer.Length, _unread);
        var n = _in.Read(buffer[..want]);
        if (n == 0) throw CapsuleErrors.Corrupt("the archive ends inside an entry (truncated)", entry);
        _unread -= n;
        return n;
    }

    private sealed class EntryContentStream(TarArchiveReader reader, string entry) : Crypto.Age.ReadOnlyStream
    {
        public override bool CanRead => true;
        public override int Read(Span<byte> buffer) => reader.ReadData(buffer, entry);
    }
}
