using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>The native age recipient: an X25519 public key written as "age1…".</summary>
public sealed class X25519Recipient : IAgeRecipient, IStanzaWrapper
{
    internal const string StanzaType = "X25519";
    internal static readonly byte[] Label = "age-encryption.org/v1/X25519"u8.ToArray();
    private readonly byte[] _publicKey;

    internal X25519Recipient(byte[] publicKey) => _publicKey = publicKey;

    internal ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Parses "age1…" (lower case, Bech32).</summary>
    public static X25519Recipient Parse(string text)
    {
        var decoded = Bech32.Decode(text.Trim());
        if (decoded is not { Hrp: "age", Data.Length: 32 } d)
            throw new SameSessionException(ErrorIds.InvalidArgument,
                $"'{text}' is not an age recipient; expected 'age1' followed by 58 lower-case Bech32 characters (age-keygen -y prints one).", text);
        return new X25519Recipient(d.Data);
    }

    AgeStanza IStanzaWrapper.Wrap(byte[] fileKey)
    {
        var (share, shared) = AgeCrypto.EphemeralAgreement(_publicKey) ??
            throw new SameSessionException(ErrorIds.InvalidArgument, $"The recipient {this} is a low-order point; no file can be encrypted to it.", ToString());
        var wrapKey = AgeCrypto.Hkdf(shared, AgeCrypto.Concat(share, _publicKey), Label);
        return new AgeStanza(StanzaType, [StrictBase64.EncodeUnpadded(share)], AgeCrypto.SealFileKey(wrapKey, fileKey));
    }

    public override string ToString() => Bech32.Encode("age", _publicKey);

    public override bool Equals(object? obj) => obj is X25519Recipient r && r._publicKey.AsSpan().SequenceEqual(_publicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_publicKey, 0);
}
