using System.IO.Compression;
using SameSession.Core.Capsules.Streams;

namespace SameSession.Core.Capsules.Tar;

/// <summary>gzip around the tar stream, so `age -d … | tar -tz` works with stock tools.</summary>
public static class GzipLayer
{
    /// <summary>A write stream that compresses into <paramref name="destination"/>; disposing it writes the gzip trailer.</summary>
    public static Stream Compress(Stream destination, bool leaveOpen = false) =>
        new GZipStream(destination, CompressionLevel.Optimal, leaveOpen);

    /// <summary>
    /// A read stream that decompresses <paramref name="source"/> and fails with CapsuleCorrupt once it has produced more
    /// than <paramref name="budget"/> bytes (raise <see cref="DecompressionBudget.Budget"/> as the manifest is read).
    /// With <paramref name="readAhead"/> the inflating runs on its own thread a few chunks ahead; the budget is still
    /// counted on the reader's side, so raising it later never races with the inflater.
    /// </summary>
    public static DecompressionBudget Decompress(Stream source, long budget, bool leaveOpen = false, bool readAhead = false)
    {
        Stream inflated = new GZipStream(source, CompressionMode.Decompress, leaveOpen);
        if (readAhead) inflated = new ReadAheadStream(inflated, "capsule inflate");
        return new(new ByteBudgetStream(inflated, budget));
    }
}

/// <summary>The decompressed stream and the knob that bounds it.</summary>
public sealed class DecompressionBudget(Stream stream) : IDisposable
{
    private readonly ByteBudgetStream _stream = (ByteBudgetStream)stream;

    public Stream Stream => _stream;

    public long Budget { get => _stream.Budget; set => _stream.Budget = value; }

    public long Consumed => _stream.Consumed;

    public void Dispose() => _stream.Dispose();
}
