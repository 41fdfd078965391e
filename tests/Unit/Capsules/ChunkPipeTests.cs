using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>The read-ahead and write-behind threads of the capsule pipeline: same bytes, same errors, no leaked threads.</summary>
public class ChunkPipeTests
{
    private static byte[] Bytes(int n) => [.. Enumerable.Range(0, n).Select(i => (byte)(i * 31 + (i >> 9)))];

    /// <summary>Yields its data in odd-sized reads, then throws a given exception (or ends) and records being disposed.</summary>
    private sealed class ScriptedStream(byte[] data, Exception? failure = null) : Stream
    {
        private readonly MemoryStream _data = new(data);

        public int ReadsAfterDispose { get; private set; }
        public bool Disposed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Disposed) ReadsAfterDispose++;
            var n = _data.Read(buffer, offset, Math.Min(count, 7919));
            if (n == 0 && failure is not null) throw failure;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void Read_ahead_delivers_every_byte_in_order()
    {
        var data = Bytes(3 * ChunkQueue.DefaultChunkSize * ChunkQueue.DefaultChunks + 12345);
        using var ahead = new ReadAheadStream(new ScriptedStream(data), "test");
        var copy = new MemoryStream();
        ahead.CopyTo(copy, 1000);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(0, ahead.Read(new byte[10]));
    }

    [Fact]
    public void A_failure_on_the_read_ahead_thread_surfaces_as_the_same_exception_after_the_bytes_before_it()
    {
        var tampered = CapsuleErrors.Tampered("SHA-256 differs from the manifest", "native/x.jsonl");
        var data = Bytes(100_000);
        using var ahead = new ReadAheadStream(new ScriptedStream(data, tampered), "test");
        var copy = new MemoryStream();
        var thrown = Assert.Throws<SameSessionException>(() => ahead.CopyTo(copy));
        Assert.Same(tampered, thrown);
        Assert.Equal(ErrorIds.CapsuleTampered, thrown.Error);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public void Disposing_a_read_ahead_midway_stops_its_thread_before_disposing_the_source()
    {
        var source = new ScriptedStream(Bytes(20 * ChunkQueue.DefaultChunkSize));
        var ahead = new ReadAheadStream(source, "test");
        ahead.ReadExactly(new byte[5000]);
        ahead.Dispose();
        Assert.True(source.Disposed);
        Thread.Sleep(50);
        Assert.Equal(0, source.ReadsAfterDispose);
        Assert.Throws<ObjectDisposedException>(() => ahead.ReadByte());
    }

    [Fact]
    public void Write_behind_delivers_every_byte_in_order_once_completed()
    {
        var data = Bytes(5 * ChunkQueue.DefaultChunkSize + 777);
        var sink = new MemoryStream();
        using (var behind = new WriteBehindStream(sink, "test"))
        {
            for (var i = 0; i < data.Length; i += 4099) behind.Write(data, i, Math.Min(4099, data.Length - i));
            behind.Complete();
        }
        Assert.Equal(data, sink.ToArray());
    }

    private sealed class FailingSink(Exception failure) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw failure;
    }

    [Fact]
    public void A_failure_on_the_write_behind_thread_surfaces_as_the_same_exception()
    {
        var full = new IOException("No space left on device");
        using var behind = new WriteBehindStream(new FailingSink(full), "test");
        var chunk = new byte[ChunkQueue.DefaultChunkSize];
        var thrown = Assert.ThrowsAny<IOException>(() =>
        {
            for (var i = 0; i < 1000; i++) behind.Write(chunk);
            behind.Complete();
        });
        Assert.Same(full, thrown);
    }

    [Fact]
    public void Disposing_a_write_behind_without_completing_abandons_it_and_ends_its_thread()
    {
        var sink = new MemoryStream();
        var behind = new WriteBehindStream(sink, "test");
        behind.Write(new byte[3 * ChunkQueue.DefaultChunkSize]);
        behind.Dispose();
        var length = sink.Length;
        Thread.Sleep(50);
        Assert.Equal(length, sink.Length);
        Assert.Throws<ObjectDisposedException>(() => behind.Write(new byte[1]));
    }
}
