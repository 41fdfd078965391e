using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>An ssh-rsa public key (2048 bits or more) used as an age recipient: RSA-OAEP-SHA256 with age's label.</summary>
public sealed class SshRsaRecipient : IAgeRecipient, IStanzaWrapper
{
    internal const string StanzaType = "ssh-rsa";
    internal static readonly byte[] Label = "age-encryption.org/v1/ssh-rsa"u8.ToArray();
    private readonly byte[] _blob;
    private readonly RsaKeyParameters _key;

    internal SshRsaRecipient(byte[] blob)
    {
        var wire = new SshWire(blob);
        if (wire.ReadText() != StanzaType || wire.ReadMpint() is not { } e || wire.ReadMpint() is not { } n || !wire.AtEnd)
            throw new SameSessionException(ErrorIds.InvalidArgument, "The ssh-rsa public key is malformed; copy the whole line from the .pub file.");
        if (n.BitLength < 2048)
            throw new SameSessionException(ErrorIds.InvalidArgument, $"The ssh-rsa key has {n.BitLength} bits; age requires at least 2048. Use a larger key or ssh-ed25519.");
        _blob = blob;
        _key = new RsaKeyParameters(false, n, e);
        Tag = SshWire.Tag(blob);
    }

    internal string Tag { get; }

    internal static OaepEncoding Oaep() => new(new RsaBlindedEngine(), new Sha256Digest(), new Sha256Digest(), Label);

    AgeStanza IStanzaWrapper.Wrap(byte[] fileKey)
    {
        var oaep = Oaep();
        oaep.Init(true, new ParametersWithRandom(_key, new SecureRandom()));
        return new AgeStanza(StanzaType, [Tag], oaep.ProcessBlock(fileKey, 0, fileKey.Length));
    }

    public override string ToString() => $"{StanzaType} {Convert.ToBase64String(_blob)}";
}
