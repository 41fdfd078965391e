using System.Buffers.Binary;

namespace SameSession.Core.Crypto.Age;

/// <summary>The STREAM chunk nonce: an 88-bit big-endian counter followed by the last-chunk flag byte.</summary>
internal static class StreamNonce
{
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    public const int SealedChunkSize = ChunkSize + TagSize;

    public static void Set(Span<byte> nonce12, ulong counter, bool last)
    {
        nonce12[..3].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce12[3..11], counter);
        nonce12[11] = last ? (byte)1 : (byte)0;
    }

    public static byte[] PayloadKey(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> nonce16) =>
        AgeCrypto.Hkdf(fileKey, nonce16, "payload"u8);
}
