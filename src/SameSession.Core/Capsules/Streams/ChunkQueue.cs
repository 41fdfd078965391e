using System.Collections.Concurrent;

namespace SameSession.Core.Capsules.Streams;

/// <summary>
/// A fixed set of buffers handed between two threads: empty ones wait on the free queue, filled ones on the full queue.
/// The buffer count bounds memory, and nothing is allocated per chunk. Cancel unblocks both sides.
/// </summary>
internal sealed class ChunkQueue : IDisposable
{
    public const int DefaultChunks = 8;
    public const int DefaultChunkSize = 256 * 1024;

    private readonly BlockingCollection<byte[]> _free = [];
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _full = [];
    private readonly CancellationTokenSource _cancel = new();

    public ChunkQueue(int chunks = DefaultChunks, int chunkSize = DefaultChunkSize)
    {
        for (var i = 0; i < chunks; i++) _free.Add(new byte[chunkSize]);
    }

    /// <summary>An empty buffer, or null once cancelled.</summary>
    public byte[]? TakeFree()
    {
        try { return _free.Take(_cancel.Token); }
        catch (OperationCanceledException) { return null; }
    }

    public void ReturnFree(byte[] buffer) => _free.Add(buffer);

    /// <summary>Hands a filled buffer over; false once cancelled.</summary>
    public bool Publish(byte[] buffer, int length)
    {
        try
        {
            _full.Add((buffer, length), _cancel.Token);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>No more filled buffers will come.</summary>
    public void CompletePublishing() => _full.CompleteAdding();

    /// <summary>The next filled buffer; false when publishing completed and all were taken, or once cancelled.</summary>
    public bool TryTakeFull(out (byte[] Buffer, int Length) chunk)
    {
        try { return _full.TryTake(out chunk, Timeout.Infinite, _cancel.Token); }
        catch (OperationCanceledException)
        {
            chunk = default;
            return false;
        }
    }

    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _free.Dispose();
        _full.Dispose();
        _cancel.Dispose();
    }
}
