using System.Security.Cryptography;

using SameSession.Core.Crypto.Age;

namespace SameSession.Core.Capsules.Streams;

/// <summary>Counts and SHA-256-hashes every byte read through it.</summary>
internal sealed class HashingReadStream(Stream inner, bool leaveOpen = false) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Count { get; private set; }

    /// <summary>Lowercase hex SHA-256 of what has been read so far.</summary>
    public string Sha256Hex() => Convert.ToHexString(_hash.GetCurrentHash()).ToLowerInvariant();

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        Count += n;
        return n;
    }

    public override bool CanRead => true;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen) inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
