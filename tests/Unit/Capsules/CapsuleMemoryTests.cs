using SameSession.Core.Capsules;
using static SameSession.Tests.Unit.Capsules.CapsuleTestKit;

namespace SameSession.Tests.Unit.Capsules;

public class CapsuleMemoryTests
{
    private const long Size = 32L * 1024 * 1024;
    private const long Budget = 8L * 1024 * 1024;

    /// <summary>Generates <paramref name="length"/> varied bytes without allocating.</summary>
    private sealed class Generated(long length) : SameSession.Core.Crypto.Age.ReadOnlyStream
    {
        private long _position;
        private uint _state = 2463534242;

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                _state ^= _state << 13; _state ^= _state >> 17; _state ^= _state << 5;
                buffer[i] = (byte)('a' + _state % 8); // text-like: compressible, not trivial
            }
            _position += n;
            return n;
        }

        public override bool CanRead => true;
    }

    [Fact]
    public void Writing_and_reading_a_large_session_allocates_a_small_fraction_of_its_size()
    {
        using var dir = new TempDir("mem");
        var source = new CapsuleFileSource("native/big.jsonl", "transcript", () => new Generated(Size));
        var manifest = ManifestFor([source]);
        var file = dir.Combine("big.capsule");

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var fs = File.Create(file)) CapsuleWriter.Write(fs, manifest, [source], [Key.Recipient]);
        var writing = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        using (var fs = File.OpenRead(file))
        using (var reader = CapsuleReader.Open(fs, [Key]))
        using (var staged = reader.ExtractTo(dir.Combine("stage")))
            Assert.Equal(Size, new FileInfo(staged.PathOf("native/big.jsonl")).Length);
        var reading = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(writing < Budget, $"writing {Size} bytes allocated {writing}");
        Assert.True(reading < Budget, $"reading {Size} bytes allocated {reading}");
    }
}
