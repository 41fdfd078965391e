using System.Security.Cryptography;

namespace SameSession.Core.Crypto.Age;

/// <summary>
/// Write-only STREAM encryptor: seals 64 KiB chunks as they fill. A full chunk is held back until more data
/// arrives, because only Dispose knows which chunk is last. Buffers are allocated once per stream.
/// </summary>
internal sealed class AgeEncryptStream : WriteOnlyStream
{
    private readonly Stream _output;
    private readonly bool _disposeOutput;
    private readonly ChaCha20Poly1305 _aead;
    private readonly byte[] _plain = new byte[StreamNonce.ChunkSize];
    private readonly byte[] _sealed = new byte[StreamNonce.SealedChunkSize];
    private readonly byte[] _nonce = new byte[12];
    private int _plainLength;
    private ulong _counter;
    private bool _closed;

    public AgeEncryptStream(Stream output, byte[] payloadKey, bool disposeOutput)
    {
        _output = output;
        _disposeOutput = disposeOutput;
        _aead = new ChaCha20Poly1305(payloadKey);
    }

    public override bool CanWrite => !_closed;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (!buffer.IsEmpty)
        {
            if (_plainLength == StreamNonce.ChunkSize)
            {
                Seal(_plain, last: false);
                _plainLength = 0;
            }
            // With an empty buffer and more than a chunk at hand, seal straight from the caller's memory.
            if (_plainLength == 0 && buffer.Length > StreamNonce.ChunkSize)
            {
                Seal(buffer[..StreamNonce.ChunkSize], last: false);
                buffer = buffer[StreamNonce.ChunkSize..];
                continue;
            }
            var take = Math.Min(buffer.Length, StreamNonce.ChunkSize - _plainLength);
            buffer[..take].CopyTo(_plain.AsSpan(_plainLength));
            _plainLength += take;
            buffer = buffer[take..];
        }
    }

    private void Seal(ReadOnlySpan<byte> plain, bool last)
    {
        StreamNonce.Set(_nonce, _counter, last);
        _aead.Encrypt(_nonce, plain, _sealed.AsSpan(0, plain.Length), _sealed.AsSpan(plain.Length, StreamNonce.TagSize));
        _output.Write(_sealed, 0, plain.Length + StreamNonce.TagSize);
        _counter++;
    }

    public override void Flush() => _output.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            try
            {
                Seal(_plain.AsSpan(0, _plainLength), last: true);
                _output.Flush();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(_plain);
                _aead.Dispose();
                if (_disposeOutput) _output.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
