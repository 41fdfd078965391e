using System.Security.Cryptography;

namespace SameSession.Core.Crypto.Age;

/// <summary>The small building blocks the recipient types share: HKDF, file-key sealing, randomness.</summary>
internal static class AgeCrypto
{
    public const int FileKeySize = 16;

    public static byte[] Hkdf(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info)
    {
        var key = new byte[32];
        // The OpenSSL-backed one-shot rejects an empty ikm (ssh-ed25519's tweak has one), so extract by hand.
        HKDF.Expand(HashAlgorithmName.SHA256, HMACSHA256.HashData(salt, ikm), key, info);
        return key;
    }

    public static byte[] Random(int size) => RandomNumberGenerator.GetBytes(size);

    /// <summary>A fresh ephemeral X25519 share and its shared secret with <paramref name="peer"/>; null for a low-order peer.</summary>
    public static (byte[] Share, byte[] Shared)? EphemeralAgreement(ReadOnlySpan<byte> peer)
    {
        var ephemeral = Random(32);
        var share = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMultBase(ephemeral, 0, share, 0);
        var shared = new byte[32];
        return Org.BouncyCastle.Math.EC.Rfc7748.X25519.CalculateAgreement(ephemeral, 0, peer.ToArray(), 0, shared, 0) ? (share, shared) : null;
    }

    public static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var r = new byte[a.Length + b.Length];
        a.CopyTo(r);
        b.CopyTo(r.AsSpan(a.Length));
        return r;
    }

    /// <summary>ChaCha20-Poly1305 with a zero nonce: a wrap key is used for exactly one file key.</summary>
    public static byte[] SealFileKey(byte[] wrapKey, ReadOnlySpan<byte> fileKey)
    {
        using var aead = new ChaCha20Poly1305(wrapKey);
        var body = new byte[fileKey.Length + 16];
        aead.Encrypt(stackalloc byte[12], fileKey, body.AsSpan(0, fileKey.Length), body.AsSpan(fileKey.Length));
        return body;
    }

    /// <summary>The file key, or null when the tag does not verify (the stanza is not for this key).</summary>
    public static byte[]? OpenFileKey(byte[] wrapKey, ReadOnlySpan<byte> body)
    {
        if (body.Length < 16) return null;
        using var aead = new ChaCha20Poly1305(wrapKey);
        var fileKey = new byte[body.Length - 16];
        try
        {
            aead.Decrypt(stackalloc byte[12], body[..^16], body[^16..], fileKey);
            return fileKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
