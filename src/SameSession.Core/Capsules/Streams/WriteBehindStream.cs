using System.Runtime.ExceptionServices;
using SameSession.Core.Crypto.Age;

namespace SameSession.Core.Capsules.Streams;

/// <summary>
/// Writes to <c>inner</c> (left open) on its own thread, a few 64 KiB chunks behind the writer, so compressing and
/// encrypting overlap with reading and hashing the sources. <see cref="Complete"/> waits until everything reached
/// <c>inner</c> and rethrows a failure from that thread unchanged; Dispose without Complete abandons pending chunks.
/// Either way the thread has ended before <c>inner</c> is touched again.
/// </summary>
internal sealed class WriteBehindStream : WriteOnlyStream
{
    private readonly Stream _inner;
    private readonly ChunkQueue _queue = new();
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;
    private byte[]? _chunk;
    private int _length;
    private bool _closed;

    public WriteBehindStream(Stream inner, string name)
    {
        _inner = inner;
        _thread = new Thread(Consume) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public override bool CanWrite => !_closed;

    private void Consume()
    {
        try
        {
            while (_queue.TryTakeFull(out var chunk))
            {
                _inner.Write(chunk.Buffer, 0, chunk.Length);
                _queue.ReturnFree(chunk.Buffer);
            }
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            _queue.Cancel();
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (!buffer.IsEmpty)
        {
            if (_chunk is null)
            {
                _chunk = _queue.TakeFree();
                if (_chunk is null) ThrowFailure();
                _length = 0;
            }
            var take = Math.Min(buffer.Length, _chunk!.Length - _length);
            buffer[..take].CopyTo(_chunk.AsSpan(_length));
            _length += take;
            buffer = buffer[take..];
            if (_length == _chunk.Length) Hand();
        }
    }

    private void Hand()
    {
        if (!_queue.Publish(_chunk!, _length)) ThrowFailure();
        _chunk = null;
    }

    private void ThrowFailure()
    {
        _thread.Join();
        _failure?.Throw();
        throw new ObjectDisposedException(nameof(WriteBehindStream));
    }

    /// <summary>Hands over the last partial chunk, waits for the thread to write everything, and rethrows its failure.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_chunk is not null && _length > 0) Hand();
        _queue.CompletePublishing();
        _thread.Join();
        _closed = true;
        _failure?.Throw();
    }

    public override void Flush() { }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_closed)
            {
                _closed = true;
                _queue.Cancel();
            }
            _thread.Join();
            _queue.Dispose();
        }
        base.Dispose(disposing);
    }
}
