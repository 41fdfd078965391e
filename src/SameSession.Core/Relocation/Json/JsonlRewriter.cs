using System.Buffers;

namespace SameSession.Core.Relocation.Json;

/// <summary>Streams a JSONL file through a <see cref="JsonLineRewriter"/>: unchanged lines are copied byte for byte.</summary>
public static class JsonlRewriter
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/>, rewriting lines; returns how many lines changed.</summary>
    public static int Rewrite(Stream input, Stream output, JsonLineRewriter rewriter, Func<ReadOnlyMemory<byte>, bool>? lineFilter = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rewriter);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var scratch = new ArrayBufferWriter<byte>(64 * 1024);
        var changed = 0;
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length) buffer = Grow(buffer, filled);
                var read = input.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                var start = 0;
                while (true)
                {
                    var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (nl < 0) break;
                    changed += Line(buffer.AsMemory(start, nl), output, rewriter, scratch, lineFilter);
                    output.WriteByte((byte)'\n');
                    start += nl + 1;
                }
                if (read == 0)
                {
                    // The last line may lack its newline; keep it that way.
                    if (end > start) changed += Line(buffer.AsMemory(start, end - start), output, rewriter, scratch, lineFilter);
                    return changed;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                filled = end - start;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static int RewriteFile(string sourcePath, Stream output, JsonLineRewriter rewriter, Func<ReadOnlyMemory<byte>, bool>? lineFilter = null)
    {
        using var input = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        return Rewrite(input, output, rewriter, lineFilter);
    }

    private static int Line(ReadOnlyMemory<byte> line, Stream output, JsonLineRewriter rewriter, ArrayBufferWriter<byte> scratch,
        Func<ReadOnlyMemory<byte>, bool>? lineFilter)
    {
        scratch.ResetWrittenCount();
        if ((lineFilter is null || lineFilter(line)) && rewriter.TryRewrite(line.Span, scratch))
        {
            output.Write(scratch.WrittenSpan);
            return 1;
        }
        output.Write(line.Span);
        return 0;
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
