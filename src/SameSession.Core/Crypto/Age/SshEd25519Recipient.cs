using System.Numerics;
using SameSession.Core.Errors;
using BcX25519 = Org.BouncyCastle.Math.EC.Rfc7748.X25519;
using Ed25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace SameSession.Core.Crypto.Age;

/// <summary>An ssh-ed25519 public key used as an age recipient (age's agessh type; not anonymous).</summary>
public sealed class SshEd25519Recipient : IAgeRecipient, IStanzaWrapper
{
    internal const string StanzaType = "ssh-ed25519";
    internal static readonly byte[] Label = "age-encryption.org/v1/ssh-ed25519"u8.ToArray();
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private readonly byte[] _blob;
    private readonly byte[] _montgomery;

    internal SshEd25519Recipient(byte[] blob)
    {
        var wire = new SshWire(blob);
        if (wire.ReadText() != StanzaType || wire.ReadString() is not { Length: 32 } pk || !wire.AtEnd
            || !Ed25519.ValidatePublicKeyPartial(pk, 0) || ToMontgomery(pk) is not { } u)
            throw new SameSessionException(ErrorIds.InvalidArgument, "The ssh-ed25519 public key is malformed; copy the whole line from the .pub file.");
        _blob = blob;
        _montgomery = u;
        Tag = SshWire.Tag(blob);
    }

    internal string Tag { get; }

    internal ReadOnlySpan<byte> Montgomery => _montgomery;

    /// <summary>The Montgomery u of an Edwards point: u = (1 + y) / (1 - y) mod p (RFC 7748 §4.1).</summary>
    internal static byte[]? ToMontgomery(ReadOnlySpan<byte> edwards)
    {
        var yBytes = edwards.ToArray();
        yBytes[31] &= 0x7f;
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: false);
        var denominator = ((1 - y) % P + P) % P;
        if (denominator.IsZero) return null;
        var u = (1 + y) * BigInteger.ModPow(denominator, P - 2, P) % P;
        var result = new byte[32];
        u.TryWriteBytes(result, out _, isUnsigned: true, isBigEndian: false);
        return result;
    }

    /// <summary>The tweak that binds the shared secret to this exact SSH key.</summary>
    internal static byte[] Tweak(ReadOnlySpan<byte> blob) => AgeCrypto.Hkdf([], blob, Label);

    AgeStanza IStanzaWrapper.Wrap(byte[] fileKey)
    {
        var (share, shared) = AgeCrypto.EphemeralAgreement(_montgomery) ??
            throw new SameSessionException(ErrorIds.InvalidArgument, "The ssh-ed25519 key is a low-order point; no file can be encrypted to it.");
        var wrapKey = WrapKey(_blob, shared, share, _montgomery);
        return new AgeStanza(StanzaType, [Tag, StrictBase64.EncodeUnpadded(share)], AgeCrypto.SealFileKey(wrapKey, fileKey));
    }

    internal static byte[] WrapKey(ReadOnlySpan<byte> blob, byte[] shared, ReadOnlySpan<byte> share, ReadOnlySpan<byte> montgomery)
    {
        var tweaked = new byte[32];
        BcX25519.ScalarMult(Tweak(blob), 0, shared, 0, tweaked, 0);
        return AgeCrypto.Hkdf(tweaked, AgeCrypto.Concat(share, montgomery), Label);
    }

    public override string ToString() => $"{StanzaType} {Convert.ToBase64String(_blob)}";
}
