using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// The <see cref="BinaryReader"/> the codecs read a cache file with, over one pooled buffer refilled from the file in
/// large reads. The runtime's reader asks its stream for every field (a virtual call and a copy for each int) and decodes
/// strings through a chunked decoder; a warm run reads tens of thousands of fields. Reads the same layout as
/// <see cref="BinaryWriter"/> writes; only the primitives the codecs use are served from the buffer, any other read
/// fails at once (the base reader sees an empty stream), so the file is rebuilt instead of misread.
/// </summary>
internal sealed class FactsFileReader : BinaryReader
{
    private const int ChunkSize = 1 << 16;
    private readonly Stream _source;
    private byte[] _buffer;
    private int _position;
    private int _end;
    private bool _sourceDone;
    private readonly long _sourceLength;
    private long _sourceRead;

    public FactsFileReader(Stream source)
        : base(Stream.Null, Encoding.UTF8, leaveOpen: true)
    {
        _source = source;
        _sourceLength = source.Length;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    /// <summary>The bytes of the file not read yet (the base reader's stream is empty, so counts are checked against this).</summary>
    public long Remaining => _end - _position + Math.Max(0, _sourceLength - _sourceRead);

    /// <summary>True when every byte of the file has been read.</summary>
    public bool AtEnd => _position == _end && !Fill(1);

    public override byte ReadByte() => Take(1)[0];

    public override bool ReadBoolean() => Take(1)[0] != 0;

    public override short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public override ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public override uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public override ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public override int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public override long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public override string ReadString()
    {
        var length = Read7BitEncodedInt();
        if (length < 0) throw new IOException($"a string length of {length} is invalid");
        return length == 0 ? string.Empty : Encoding.UTF8.GetString(Take(length));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_end - _position < count && !Fill(count)) throw new EndOfStreamException("the cache file ends inside an entry");
        var span = new ReadOnlySpan<byte>(_buffer, _position, count);
        _position += count;
        return span;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available; false when the file ends first.</summary>
    private bool Fill(int count)
    {
        var unread = _end - _position;
        if (count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(count);
            Buffer.BlockCopy(_buffer, _position, larger, 0, unread);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (unread > 0 && _position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, unread);
        }
        _position = 0;
        _end = unread;
        while (_end < count && !_sourceDone)
        {
            var n = _source.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _sourceDone = true;
            _end += n;
            _sourceRead += n;
        }
        return _end >= count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _position = _end = 0;
        }
        base.Dispose(disposing);
    }
}
