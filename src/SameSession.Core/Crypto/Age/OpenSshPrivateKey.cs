using Org.BouncyCastle.Crypto.Parameters;
using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>Reads unencrypted "openssh-key-v1" private keys (ed25519 and rsa) as age identities.</summary>
internal static class OpenSshPrivateKey
{
    public const string BeginLine = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string EndLine = "-----END OPENSSH PRIVATE KEY-----";

    public static IAgeIdentity Parse(string pem)
    {
        var start = pem.IndexOf(BeginLine, StringComparison.Ordinal);
        var end = pem.IndexOf(EndLine, StringComparison.Ordinal);
        if (start < 0 || end < start) throw Malformed("the BEGIN/END lines are missing");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(pem[(start + BeginLine.Length)..end]);
        }
        catch (FormatException)
        {
            throw Malformed("its body is not base64");
        }

        var magic = "openssh-key-v1\0"u8;
        if (!blob.AsSpan().StartsWith(magic)) throw Malformed("it is not in openssh-key-v1 format");
        var wire = new SshWire(blob.AsSpan(magic.Length));
        var cipher = wire.ReadText();
        var kdf = wire.ReadText();
        if (cipher != "none" || kdf != "none")
            throw new SameSessionException(ErrorIds.UnsupportedFormat,
                "The SSH private key is passphrase-protected; only unencrypted OpenSSH keys can be used as age identities. Use an age identity (New-SameSessionIdentity) instead.");
        if (wire.ReadString() is null || wire.ReadUInt32() != 1) throw Malformed("it must hold exactly one key");
        var publicBlob = wire.ReadString() ?? throw Malformed("the public key is missing");
        var priv = new SshWire(wire.ReadString() ?? throw Malformed("the private section is missing"));
        if (priv.ReadUInt32() is not { } check1 || priv.ReadUInt32() != check1) throw Malformed("its check numbers differ");
        switch (priv.ReadText())
        {
            case SshEd25519Recipient.StanzaType:
                if (priv.ReadString() is not { Length: 32 } || priv.ReadString() is not { Length: 64 } secret) throw Malformed("the ed25519 key is truncated");
                return new SshEd25519Identity(secret[..32], publicBlob);
            case SshRsaRecipient.StanzaType:
                if (priv.ReadMpint() is not { } n || priv.ReadMpint() is not { } e || priv.ReadMpint() is not { } d
                    || priv.ReadMpint() is not { } iqmp || priv.ReadMpint() is not { } p || priv.ReadMpint() is not { } q)
                    throw Malformed("the rsa key is truncated");
                var one = Org.BouncyCastle.Math.BigInteger.One;
                var key = new RsaPrivateCrtKeyParameters(n, e, d, p, q, d.Mod(p.Subtract(one)), d.Mod(q.Subtract(one)), iqmp);
                return new SshRsaIdentity(key, publicBlob);
            case var other:
                throw new SameSessionException(ErrorIds.UnsupportedFormat, $"SSH keys of type '{other}' cannot be used as age identities; use ssh-ed25519, ssh-rsa or an age identity.");
        }
    }

    private static SameSessionException Malformed(string why) =>
        new(ErrorIds.InvalidArgument, $"The OpenSSH private key is malformed: {why}. Give the key file ssh-keygen wrote.");
}
