using System.Security.Cryptography;

namespace SameSession.Core.Crypto.Age;

/// <summary>
/// Read-only STREAM decryptor. Releases each chunk only after its tag verifies; an error found after a chunk
/// verified (end of data without a last chunk, trailing bytes) is raised on the read after that chunk is consumed.
/// </summary>
internal sealed class AgeDecryptStream : ReadOnlyStream
{
    private readonly ByteSource _source;
    private readonly Stream? _owned;
    private readonly ChaCha20Poly1305 _aead;
    private readonly byte[] _sealed = new byte[StreamNonce.SealedChunkSize];
    private readonly byte[] _plain = new byte[StreamNonce.ChunkSize];
    private readonly byte[] _nonce = new byte[12];
    private int _plainPos;
    private int _plainLength;
    private ulong _counter;
    private bool _sawLast;
    private AgeException? _pending;
    private bool _closed;

    public AgeDecryptStream(ByteSource source, byte[] payloadKey, Stream? owned)
    {
        _source = source;
        _owned = owned;
        _aead = new ChaCha20Poly1305(payloadKey);
    }

    public override bool CanRead => !_closed;

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (buffer.IsEmpty) return 0;
        while (_plainPos == _plainLength)
        {
            if (_pending is not null) throw _pending;
            if (_sawLast) return 0;
            NextChunk();
        }
        var n = Math.Min(buffer.Length, _plainLength - _plainPos);
        _plain.AsSpan(_plainPos, n).CopyTo(buffer);
        _plainPos += n;
        return n;
    }

    private void NextChunk()
    {
        _plainPos = _plainLength = 0;
        var n = _source.ReadAtMost(_sealed);
        if (n == 0)
            throw _counter == 0 ? AgeException.PayloadCorrupt("there are no chunks after the nonce")
                : AgeException.PayloadCorrupt("the data ends without a last chunk");
        if (n < StreamNonce.SealedChunkSize)
        {
            if (n < StreamNonce.TagSize) throw AgeException.PayloadCorrupt("the last chunk is shorter than its tag");
            if (n == StreamNonce.TagSize && _counter > 0) throw AgeException.PayloadCorrupt("the last chunk is empty");
            if (!Open(n, last: true)) throw AgeException.PayloadTampered((long)_counter);
            _sawLast = true;
            return;
        }
        if (Open(n, last: false))
        {
            _counter++;
            return;
        }
        if (!Open(n, last: true)) throw AgeException.PayloadTampered((long)_counter);
        _sawLast = true;
        if (_source.PeekByte() >= 0) _pending = AgeException.PayloadCorrupt("data follows the last chunk");
    }

    private bool Open(int sealedLength, bool last)
    {
        StreamNonce.Set(_nonce, _counter, last);
        var plainLength = sealedLength - StreamNonce.TagSize;
        try
        {
            _aead.Decrypt(_nonce, _sealed.AsSpan(0, plainLength), _sealed.AsSpan(plainLength, StreamNonce.TagSize), _plain.AsSpan(0, plainLength));
            _plainLength = plainLength;
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            CryptographicOperations.ZeroMemory(_plain);
            _aead.Dispose();
            _owned?.Dispose();
        }
        base.Dispose(disposing);
    }
}
