using SameSession.Core.Errors;
using BcX25519 = Org.BouncyCastle.Math.EC.Rfc7748.X25519;

namespace SameSession.Core.Crypto.Age;

/// <summary>The native age identity: an X25519 secret key written as "AGE-SECRET-KEY-1…".</summary>
public sealed class X25519Identity : IAgeIdentity, IStanzaUnwrapper
{
    private const string Hrp = "AGE-SECRET-KEY-";
    private readonly byte[] _secret;

    private X25519Identity(byte[] secret)
    {
        _secret = secret;
        var pub = new byte[32];
        BcX25519.ScalarMultBase(secret, 0, pub, 0);
        Recipient = new X25519Recipient(pub);
    }

    public X25519Recipient Recipient { get; }

    public static X25519Identity Generate() => new(AgeCrypto.Random(32));

    /// <summary>Parses "AGE-SECRET-KEY-1…" (upper case, Bech32).</summary>
    public static X25519Identity Parse(string text)
    {
        var decoded = Bech32.Decode(text.Trim());
        if (decoded is not { Hrp: Hrp, Data.Length: 32 } d)
            throw new SameSessionException(ErrorIds.InvalidArgument,
                "The text is not an age identity; expected 'AGE-SECRET-KEY-1' followed by upper-case Bech32 (age-keygen writes one).");
        return new X25519Identity(d.Data);
    }

    byte[]? IStanzaUnwrapper.Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        foreach (var s in stanzas)
        {
            if (s.Type != X25519Recipient.StanzaType) continue;
            if (s.Args.Count != 1) throw AgeException.Header("an X25519 stanza must have exactly one argument");
            var share = StrictBase64.DecodeUnpadded(s.Args[0]);
            if (share is not { Length: 32 }) throw AgeException.Header("an X25519 share is not canonical base64 of 32 bytes");
            // Checked before decrypting so the tag cannot be used as a partitioning oracle.
            if (s.Body.Length != 32) throw AgeException.Header("an X25519 stanza body is not 32 bytes");
            var shared = new byte[32];
            if (!BcX25519.CalculateAgreement(_secret, 0, share, 0, shared, 0))
                throw AgeException.Header("an X25519 share is a low-order point");
            var wrapKey = AgeCrypto.Hkdf(shared, AgeCrypto.Concat(share, Recipient.PublicKey), X25519Recipient.Label);
            if (AgeCrypto.OpenFileKey(wrapKey, s.Body) is { } fileKey) return fileKey;
        }
        return null;
    }

    /// <summary>The secret key as "AGE-SECRET-KEY-1…". Treat the result as a secret.</summary>
    public override string ToString() => Bech32.Encode(Hrp, _secret);
}
