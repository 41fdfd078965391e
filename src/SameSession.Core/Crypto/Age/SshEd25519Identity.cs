using System.Security.Cryptography;
using BcX25519 = Org.BouncyCastle.Math.EC.Rfc7748.X25519;

namespace SameSession.Core.Crypto.Age;

/// <summary>An unencrypted OpenSSH ed25519 private key used as an age identity.</summary>
public sealed class SshEd25519Identity : IAgeIdentity, IStanzaUnwrapper
{
    private readonly byte[] _scalar;
    private readonly byte[] _blob;
    private readonly byte[] _montgomery = new byte[32];

    internal SshEd25519Identity(byte[] seed, byte[] publicBlob)
    {
        _scalar = SHA512.HashData(seed)[..32];
        _blob = publicBlob;
        BcX25519.ScalarMultBase(_scalar, 0, _montgomery, 0);
        Recipient = new SshEd25519Recipient(publicBlob);
    }

    public SshEd25519Recipient Recipient { get; }

    byte[]? IStanzaUnwrapper.Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        foreach (var s in stanzas)
        {
            if (s.Type != SshEd25519Recipient.StanzaType) continue;
            if (s.Args.Count != 2) throw AgeException.Header("an ssh-ed25519 stanza must have exactly two arguments");
            var share = StrictBase64.DecodeUnpadded(s.Args[1]);
            if (share is not { Length: 32 }) throw AgeException.Header("an ssh-ed25519 share is not canonical base64 of 32 bytes");
            if (s.Args[0] != Recipient.Tag) continue;
            var shared = new byte[32];
            if (!BcX25519.CalculateAgreement(_scalar, 0, share, 0, shared, 0))
                throw AgeException.Header("an ssh-ed25519 share is a low-order point");
            var wrapKey = SshEd25519Recipient.WrapKey(_blob, shared, share, _montgomery);
            // The tag named this key, so a failure here is damage, not someone else's stanza.
            return AgeCrypto.OpenFileKey(wrapKey, s.Body)
                ?? throw new AgeException(AgeFailure.Header, Errors.ErrorIds.CapsuleTampered, "The ssh-ed25519 stanza for this key does not decrypt: the header was changed.");
        }
        return null;
    }

    public override string ToString() => $"ssh-ed25519 identity for {Recipient}";
}
