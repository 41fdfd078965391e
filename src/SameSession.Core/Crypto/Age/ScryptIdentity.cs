using System.Globalization;
using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>Opens passphrase-encrypted files.</summary>
public sealed class ScryptIdentity : IAgeIdentity, IStanzaUnwrapper
{
    /// <summary>The largest work factor accepted, as in age (2^22 costs about 4 GiB and 30 s).</summary>
    public const int MaxSupportedWorkFactor = 22;
    private readonly string _passphrase;

    /// <param name="maxWorkFactor">Refuse files whose work factor is above this (a cost cap against hostile files).</param>
    public ScryptIdentity(string passphrase, int maxWorkFactor = MaxSupportedWorkFactor)
    {
        if (maxWorkFactor is < 1 or > MaxSupportedWorkFactor)
            throw new SameSessionException(ErrorIds.InvalidArgument, $"The maximum scrypt work factor {maxWorkFactor} is outside 1..{MaxSupportedWorkFactor}.");
        _passphrase = passphrase;
        MaxWorkFactor = maxWorkFactor;
    }

    public int MaxWorkFactor { get; }

    byte[]? IStanzaUnwrapper.Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        foreach (var s in stanzas)
        {
            if (s.Type != ScryptRecipient.StanzaType) continue;
            if (s.Args.Count != 2) throw AgeException.Header("a scrypt stanza must have exactly two arguments");
            var salt = StrictBase64.DecodeUnpadded(s.Args[0]);
            if (salt is not { Length: 16 }) throw AgeException.Header("a scrypt salt is not canonical base64 of 16 bytes");
            var logN = ParseWorkFactor(s.Args[1]);
            if (logN > MaxWorkFactor) throw AgeException.Header($"the scrypt work factor {logN} is above the maximum {MaxWorkFactor}");
            if (s.Body.Length != 32) throw AgeException.Header("a scrypt stanza body is not 32 bytes");
            var wrapKey = ScryptRecipient.DeriveKey(_passphrase, salt, logN);
            if (AgeCrypto.OpenFileKey(wrapKey, s.Body) is { } fileKey) return fileKey;
        }
        return null;
    }

    private static int ParseWorkFactor(string text)
    {
        if (text.Length == 0 || text[0] is < '1' or > '9' || !text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var logN))
            throw AgeException.Header($"the scrypt work factor '{text}' is not a positive decimal");
        return logN;
    }

    public override string ToString() => "scrypt passphrase";
}
