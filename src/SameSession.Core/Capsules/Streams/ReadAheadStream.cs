using System.Runtime.ExceptionServices;
using SameSession.Core.Crypto.Age;

namespace SameSession.Core.Capsules.Streams;

/// <summary>
/// Reads <c>inner</c> on its own thread, a few 64 KiB chunks ahead of the reader, so the work inside
/// <c>inner</c> (decrypting, inflating) overlaps with the reader's (hashing, writing) the way a shell pipeline does.
/// A failure on that thread is rethrown to the reader unchanged (same exception object and id) once the chunks read
/// before it are consumed. Dispose stops and joins the thread before touching <c>inner</c>.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly ChunkQueue _queue = new();
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;
    private byte[]? _chunk;
    private int _pos;
    private int _length;
    private bool _disposed;

    public ReadAheadStream(Stream inner, string name, bool leaveOpen = false)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        _thread = new Thread(Produce) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public override bool CanRead => !_disposed;

    private void Produce()
    {
        try
        {
            while (_queue.TakeFree() is { } buffer)
            {
                var (n, ended) = Fill(buffer);
                if (n > 0 && !_queue.Publish(buffer, n)) return;
                if (ended) return;
            }
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            _queue.CompletePublishing();
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; bytes read before a failure are kept (the failure is recorded) so they reach the reader first.</summary>
    private (int Count, bool Ended) Fill(byte[] buffer)
    {
        var n = 0;
        try
        {
            while (n < buffer.Length)
            {
                var got = _inner.Read(buffer, n, buffer.Length - n);
                if (got == 0) return (n, true);
                n += got;
            }
            return (n, false);
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            return (n, true);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty) return 0;
        while (_pos == _length)
        {
            if (_chunk is not null)
            {
                _queue.ReturnFree(_chunk);
                _chunk = null;
            }
            if (!_queue.TryTakeFull(out var next))
            {
                _failure?.Throw();
                return 0;
            }
            (_chunk, _length, _pos) = (next.Buffer, next.Length, 0);
        }
        var n = Math.Min(buffer.Length, _length - _pos);
        _chunk.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _queue.Cancel();
            _thread.Join();
            _queue.Dispose();
            if (!_leaveOpen) _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
