using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>A passphrase recipient (age -p). It must be the only recipient of a file.</summary>
public sealed class ScryptRecipient : IAgeRecipient, IStanzaWrapper
{
    internal const string StanzaType = "scrypt";
    private static readonly byte[] Label = "age-encryption.org/v1/scrypt"u8.ToArray();
    private readonly string _passphrase;

    /// <param name="passphrase">Used as UTF-8 bytes without normalisation.</param>
    /// <param name="workFactor">log2 of the scrypt cost; age writes 18 (about 1 s and 256 MiB).</param>
    public ScryptRecipient(string passphrase, int workFactor = 18)
    {
        if (string.IsNullOrEmpty(passphrase))
            throw new SameSessionException(ErrorIds.InvalidArgument, "The passphrase is empty; give a non-empty passphrase.");
        if (workFactor is < 1 or > ScryptIdentity.MaxSupportedWorkFactor)
            throw new SameSessionException(ErrorIds.InvalidArgument, $"The scrypt work factor {workFactor} is outside 1..{ScryptIdentity.MaxSupportedWorkFactor}.");
        _passphrase = passphrase;
        WorkFactor = workFactor;
    }

    public int WorkFactor { get; }

    internal static byte[] DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int logN) =>
        SCrypt.Generate(Encoding.UTF8.GetBytes(passphrase), AgeCrypto.Concat(Label, salt), 1 << logN, 8, 1, 32);

    AgeStanza IStanzaWrapper.Wrap(byte[] fileKey)
    {
        var salt = AgeCrypto.Random(16);
        var wrapKey = DeriveKey(_passphrase, salt, WorkFactor);
        return new AgeStanza(StanzaType, [StrictBase64.EncodeUnpadded(salt), WorkFactor.ToString(CultureInfo.InvariantCulture)],
            AgeCrypto.SealFileKey(wrapKey, fileKey));
    }

    public override string ToString() => $"scrypt passphrase (work factor {WorkFactor})";
}
