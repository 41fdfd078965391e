namespace SameSession.Core.Crypto.Age;

/// <summary>
/// Strict reader of the age ASCII armor (RFC 7468 strict form): optional whitespace around the block, CRLF or LF,
/// 64-column padded canonical base64, a short line only right before END.
/// </summary>
internal sealed class ArmorReader : ReadOnlyStream
{
    private const int MaxWhitespace = 1024;

    private readonly ByteSource _source;
    private readonly byte[] _decoded = new byte[48];
    private readonly List<byte> _line = new(80);
    private int _pos;
    private int _len;
    private bool _mustEnd;
    private bool _ended;
    private AgeException? _pending;

    public ArmorReader(ByteSource source)
    {
        _source = source;
        if (!FirstNonBlankLine().SequenceEqual("-----BEGIN AGE ENCRYPTED FILE-----"u8))
            throw AgeException.Armor("the first line is not -----BEGIN AGE ENCRYPTED FILE-----");
    }

    /// <summary>Whether the input, after up to 1 KiB of whitespace, starts with the BEGIN line.</summary>
    public static bool LooksArmored(ByteSource source)
    {
        var head = source.Peek(MaxWhitespace + 64);
        var i = 0;
        while (i < head.Length && i < MaxWhitespace && IsWhitespace(head[i])) i++;
        return head[i..].StartsWith("-----BEGIN AGE ENCRYPTED FILE-----"u8);
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private void SkipWhitespace(string where)
    {
        for (var n = 0; ; n++)
        {
            var b = _source.PeekByte();
            if (b < 0 || !IsWhitespace((byte)b)) return;
            if (n == MaxWhitespace) throw AgeException.Armor($"more than 1 KiB of whitespace {where}");
            _source.ReadByte();
        }
    }

    /// <summary>Skips whole lines of whitespace (at most 1 KiB); the BEGIN line itself must not be indented.</summary>
    private ReadOnlySpan<byte> FirstNonBlankLine()
    {
        var skipped = 0;
        while (NextLine(out var line))
        {
            if (line.IndexOfAnyExcept(" \t\r"u8) >= 0) return line;
            skipped += _line.Count;
            if (skipped > MaxWhitespace) break;
        }
        throw AgeException.Armor("the BEGIN line is missing");
    }

    /// <summary>The next line without its LF and at most one CR; false at end of input.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        _line.Clear();
        var terminated = _source.ReadLine(_line, 1024, () => AgeException.Armor("a line is too long"));
        if (!terminated && _line.Count == 0)
        {
            line = default;
            return false;
        }
        var count = _line.Count;
        if (terminated) count--;
        if (count > 0 && _line[count - 1] == '\r') count--;
        line = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_line)[..count];
        return true;
    }

    /// <summary>Decodes as many lines as fit; an armor error after some bytes were returned comes on the next call.</summary>
    public override int Read(Span<byte> buffer)
    {
        if (_pending is not null) throw _pending;
        var total = 0;
        while (total < buffer.Length)
        {
            if (_pos == _len)
            {
                if (_ended) break;
                try
                {
                    DecodeNextLine();
                }
                catch (AgeException ex) when (total > 0)
                {
                    _pending = ex;
                    break;
                }
                continue;
            }
            var n = Math.Min(buffer.Length - total, _len - _pos);
            _decoded.AsSpan(_pos, n).CopyTo(buffer[total..]);
            _pos += n;
            total += n;
        }
        return total;
    }

    private void DecodeNextLine()
    {
        _pos = _len = 0;
        if (!NextLine(out var line)) throw AgeException.Armor("the END line is missing");
        if (line.SequenceEqual("-----END AGE ENCRYPTED FILE-----"u8))
        {
            _ended = true;
            SkipWhitespace("after the END line");
            if (_source.PeekByte() >= 0) throw AgeException.Armor("data follows the END line");
            return;
        }
        if (_mustEnd) throw AgeException.Armor("a short line is not followed by the END line");
        if (line.IsEmpty) throw AgeException.Armor("an empty line inside the armor");
        if (line.Length > 64) throw AgeException.Armor("a line is longer than 64 columns");
        if (!StrictBase64.TryDecodePadded(line, _decoded, out _len)) throw AgeException.Armor("a line is not canonical padded base64");
        _mustEnd = _len < 48;
    }

    public override bool CanRead => true;
}
