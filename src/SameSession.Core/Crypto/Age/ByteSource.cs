namespace SameSession.Core.Crypto.Age;

/// <summary>A buffered reader over a stream with peeking and line reads, shared by the header and payload readers.</summary>
internal sealed class ByteSource
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _pos;
    private int _len;

    public ByteSource(Stream stream, int bufferSize = 16 * 1024)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    public Stream Inner => _stream;

    private bool Fill()
    {
        if (_pos < _len) return true;
        _pos = 0;
        _len = _stream.Read(_buffer, 0, _buffer.Length);
        return _len > 0;
    }

    public int ReadByte() => Fill() ? _buffer[_pos++] : -1;

    public int PeekByte() => Fill() ? _buffer[_pos] : -1;

    /// <summary>Up to <paramref name="count"/> (at most the buffer size) bytes without consuming them.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        count = Math.Min(count, _buffer.Length);
        if (_len - _pos < count)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
            while (_len < count)
            {
                var n = _stream.Read(_buffer, _len, _buffer.Length - _len);
                if (n == 0) break;
                _len += n;
            }
        }
        return _buffer.AsSpan(_pos, Math.Min(count, _len - _pos));
    }

    /// <summary>Fills <paramref name="destination"/> until it is full or the stream ends; returns the count.</summary>
    public int ReadAtMost(Span<byte> destination)
    {
        var total = Math.Min(_len - _pos, destination.Length);
        _buffer.AsSpan(_pos, total).CopyTo(destination);
        _pos += total;
        while (total < destination.Length)
        {
            var n = _stream.Read(destination[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>
    /// Appends bytes up to and including the next LF to <paramref name="line"/>. Returns false at end of stream
    /// (what was read so far stays in <paramref name="line"/>). Throws <paramref name="tooLong"/> past <paramref name="max"/>.
    /// </summary>
    public bool ReadLine(List<byte> line, int max, Func<Exception> tooLong)
    {
        while (Fill())
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var lf = span.IndexOf((byte)'\n');
            var take = lf < 0 ? span.Length : lf + 1;
            if (line.Count + take > max) throw tooLong();
            line.AddRange(span[..take]);
            _pos += take;
            if (lf >= 0) return true;
        }
        return false;
    }
}
