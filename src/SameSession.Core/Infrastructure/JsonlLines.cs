using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace SameSession.Core.Infrastructure;

/// <summary>Receives each line of a JSON Lines file (without the line break) and where it starts.</summary>
internal interface IJsonlLineVisitor
{
    /// <param name="line">The line's bytes; only its first <see cref="JsonlLines.MaxLineBytes"/> when <paramref name="clipped"/>.</param>
    /// <param name="offset">Byte offset of the line in the file.</param>
    /// <param name="length">The full length of the line in bytes (known after the line ends).</param>
    /// <param name="clipped">The line was longer than the buffer cap; <paramref name="line"/> is its start.</param>
    /// <param name="unterminated">The last line of the file had no line break (possibly cut off by a crash or a live writer).</param>
    void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated);
}

/// <summary>
/// Streams a JSON Lines file through one pooled buffer without decoding it. The buffer grows to hold a long
/// line up to <see cref="MaxLineBytes"/>; longer lines are handed over clipped to their start.
/// </summary>
internal static class JsonlLines
{
    public const int InitialBufferBytes = 256 * 1024;
    public const int MaxLineBytes = 32 * 1024 * 1024;

    public static void Scan<TVisitor>(SafeFileHandle file, ref TVisitor visitor, int maxLineBytes = MaxLineBytes)
        where TVisitor : IJsonlLineVisitor
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, maxLineBytes));
        try
        {
            long fileOffset = 0;     // file offset of buffer[0]
            var filled = 0;
            var skipping = false;    // inside a clipped line: discard bytes up to its end
            long clippedStart = 0;
            var clippedHead = Array.Empty<byte>();
            while (true)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(filled), fileOffset + filled);
                filled += read;
                var span = buffer.AsSpan(0, filled);
                var start = 0;
                while (start < filled)
                {
                    var nl = span[start..].IndexOf((byte)'\n');
                    if (nl < 0) break;
                    var end = start + nl;
                    if (skipping)
                    {
                        visitor.Visit(clippedHead, clippedStart, fileOffset + end - clippedStart, clipped: true, unterminated: false);
                        skipping = false;
                        clippedHead = [];
                    }
                    else
                    {
                        visitor.Visit(TrimCr(span[start..end]), fileOffset + start, end - start, clipped: false, unterminated: false);
                    }
                    start = end + 1;
                }

                if (read == 0)
                {
                    if (skipping)
                        visitor.Visit(clippedHead, clippedStart, fileOffset + filled - clippedStart, clipped: true, unterminated: true);
                    else if (start < filled)
                        visitor.Visit(TrimCr(span[start..filled]), fileOffset + start, filled - start, clipped: false, unterminated: true);
                    return;
                }

                if (skipping) { fileOffset += filled; filled = 0; continue; }

                var rest = filled - start;
                if (rest == buffer.Length)
                {
                    if (buffer.Length >= maxLineBytes)
                    {
                        clippedHead = span.ToArray();
                        clippedStart = fileOffset;
                        skipping = true;
                        fileOffset += filled;
                        filled = 0;
                        continue;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLineBytes));
                    span.CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                else if (start > 0)
                {
                    span[start..].CopyTo(buffer);
                }
                fileOffset += start;
                filled = rest;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the bytes of one line found by <see cref="Scan"/> (at most <paramref name="max"/> bytes).</summary>
    public static byte[] ReadLine(SafeFileHandle file, long offset, long length, int max = MaxLineBytes)
    {
        var bytes = new byte[(int)Math.Min(length, max)];
        var got = 0;
        while (got < bytes.Length)
        {
            var n = RandomAccess.Read(file, bytes.AsSpan(got), offset + got);
            if (n == 0) break;
            got += n;
        }
        return got == bytes.Length ? bytes : bytes[..got];
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
