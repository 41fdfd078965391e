using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace SameSession.Core.Crypto.Age;

/// <summary>An unencrypted OpenSSH RSA private key used as an age identity.</summary>
public sealed class SshRsaIdentity : IAgeIdentity, IStanzaUnwrapper
{
    private readonly RsaPrivateCrtKeyParameters _key;

    internal SshRsaIdentity(RsaPrivateCrtKeyParameters key, byte[] publicBlob)
    {
        _key = key;
        Recipient = new SshRsaRecipient(publicBlob);
    }

    public SshRsaRecipient Recipient { get; }

    byte[]? IStanzaUnwrapper.Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        foreach (var s in stanzas)
        {
            if (s.Type != SshRsaRecipient.StanzaType) continue;
            if (s.Args.Count != 1) throw AgeException.Header("an ssh-rsa stanza must have exactly one argument");
            if (s.Args[0] != Recipient.Tag) continue;
            var oaep = SshRsaRecipient.Oaep();
            oaep.Init(false, new ParametersWithRandom(_key, new SecureRandom()));
            try
            {
                return oaep.ProcessBlock(s.Body, 0, s.Body.Length);
            }
            catch (CryptoException ex)
            {
                // The tag named this key, so a failure here is damage, not someone else's stanza.
                throw new AgeException(AgeFailure.Header, Errors.ErrorIds.CapsuleTampered, "The ssh-rsa stanza for this key does not decrypt: the header was changed.", ex);
            }
        }
        return null;
    }

    public override string ToString() => $"ssh-rsa identity for {Recipient}";
}
