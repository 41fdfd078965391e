using System.Buffers;
using System.Text;
using SameSession.Core.Errors;

namespace SameSession.Core.Capsules.Tar;

/// <summary>
/// Writes a deterministic POSIX tar stream: regular files only, uid/gid 0, empty owner names, one fixed mtime,
/// mode 0644 or 0755, ustar headers with a pax 'path'/'size' record only when a name or size does not fit.
/// The same entries in the same order always give the same bytes. The caller chooses the order (capsules: manifest
/// first, then ordinal by name); duplicate and unsafe names are refused.
/// </summary>
public sealed class TarArchiveWriter : IDisposable
{
    private readonly Stream _out;
    private readonly long _mtime;
    private readonly bool _leaveOpen;
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[] _block = new byte[TarHeader.BlockSize];
    private bool _finished;

    public TarArchiveWriter(Stream output, DateTimeOffset modified, bool leaveOpen = false)
    {
        _out = output;
        _mtime = Math.Max(0, modified.ToUnixTimeSeconds());
        _leaveOpen = leaveOpen;
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes of <paramref name="content"/> as the entry's data.</summary>
    public void WriteFile(string path, long size, Stream content, bool executable = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (TarPath.Problem(path) is { } problem) throw new ArgumentException($"Cannot archive '{path}': {problem}.", nameof(path));
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (!_names.Add(path)) throw new ArgumentException($"'{path}' is already in the archive (names are compared ignoring case).", nameof(path));

        WriteHeader(path, size, executable ? 0b111_101_101 : 0b110_100_100);
        CopyExactly(content, size, path);
        Pad(size);
    }

    private void WriteHeader(string path, long size, int mode)
    {
        var (name, prefix) = SplitUstar(path);
        var pax = new List<KeyValuePair<string, string>>();
        if (name is null) pax.Add(new("path", path));
        if (size > TarHeader.MaxOctalSize) pax.Add(new("size", TarHeader.Invariant(size)));
        if (pax.Count > 0)
        {
            var records = PaxRecords.Encode(pax);
            var leaf = path[(path.LastIndexOf('/') + 1)..];
            TarHeader.Encode(_block, AsciiPrefix("PaxHeaders/" + leaf, TarHeader.NameLength), "", records.Length, 0b110_100_100, _mtime, TarHeader.PaxExtended);
            _out.Write(_block);
            _out.Write(records);
            Pad(records.Length);
        }
        TarHeader.Encode(_block, name ?? AsciiPrefix(path, TarHeader.NameLength), prefix ?? "", Math.Min(size, TarHeader.MaxOctalSize), mode, _mtime, TarHeader.RegularFile);
        _out.Write(_block);
    }

    /// <summary>The ustar (name, prefix) pair for an ASCII path that fits, else (null, null): a pax record carries it.</summary>
    private static (string? Name, string? Prefix) SplitUstar(string path)
    {
        if (!Ascii.IsValid(path)) return (null, null);
        if (path.Length <= TarHeader.NameLength) return (path, "");
        for (var i = path.IndexOf('/'); i >= 0; i = path.IndexOf('/', i + 1))
            if (i <= TarHeader.PrefixLength && path.Length - i - 1 <= TarHeader.NameLength) return (path[(i + 1)..], path[..i]);
        return (null, null);
    }

    /// <summary>A printable ASCII stand-in that fits the field, for readers that ignore pax records.</summary>
    private static string AsciiPrefix(string text, int max)
    {
        var sb = new StringBuilder(max);
        foreach (var c in text)
        {
            if (sb.Length == max) break;
            sb.Append(c is > ' ' and < (char)127 ? c : '_');
        }
        return sb.ToString();
    }

    private void CopyExactly(Stream content, long size, string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var left = size;
            while (left > 0)
            {
                var n = content.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) throw new SameSessionException(ErrorIds.IoFailed, $"'{path}' became shorter while it was being archived; close the agent and export again.", path);
                _out.Write(buffer, 0, n);
                left -= n;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private void Pad(long size)
    {
        var rest = (int)(size % TarHeader.BlockSize);
        if (rest == 0) return;
        _block.AsSpan().Clear();
        _out.Write(_block, 0, TarHeader.BlockSize - rest);
    }

    /// <summary>Writes the two zero blocks that end the archive.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        _block.AsSpan().Clear();
        _out.Write(_block);
        _out.Write(_block);
        _out.Flush();
    }

    /// <summary>Does not finish the archive: an archive abandoned half-way must not look complete.</summary>
    public void Dispose()
    {
        _finished = true;
        if (!_leaveOpen) _out.Dispose();
    }
}
