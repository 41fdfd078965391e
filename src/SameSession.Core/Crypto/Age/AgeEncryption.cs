using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>age v1 (age-encryption.org/v1) encryption and decryption as streams with constant memory.</summary>
public static class AgeEncryption
{
    /// <summary>
    /// Writes the header to <paramref name="destination"/> now and returns a write-only stream for the plaintext.
    /// Disposing it writes the last chunk (and the armor footer) and flushes.
    /// </summary>
    public static Stream Encrypt(Stream destination, IReadOnlyList<IAgeRecipient> recipients, bool armor = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
            throw new SameSessionException(ErrorIds.InvalidArgument, "No recipient given; pass at least one age1… or ssh- recipient, or a passphrase.");
        if (recipients.Count > 1 && recipients.Any(r => r is ScryptRecipient))
            throw new SameSessionException(ErrorIds.InvalidArgument, "A passphrase cannot be combined with other recipients; encrypt to the passphrase alone.");
        var wrappers = recipients.Select(r => r as IStanzaWrapper ?? throw new SameSessionException(ErrorIds.InvalidArgument,
            $"The recipient type {r?.GetType().Name ?? "null"} is not supported; use the types from AgeKeys.")).ToList();

        var fileKey = AgeCrypto.Random(AgeCrypto.FileKeySize);
        var header = AgeHeader.Write(wrappers.Select(w => w.Wrap(fileKey)).ToList(), fileKey);
        var output = armor ? new ArmorWriter(destination, leaveOpen) : destination;
        output.Write(header);
        var nonce = AgeCrypto.Random(16);
        output.Write(nonce);
        return new AgeEncryptStream(output, StreamNonce.PayloadKey(fileKey, nonce), disposeOutput: armor || !leaveOpen);
    }

    /// <summary>
    /// Parses the header and unwraps the file key now, then returns a read-only stream of the plaintext that
    /// releases each 64 KiB chunk only once authenticated. Armor is detected automatically.
    /// </summary>
    public static Stream Decrypt(Stream source, IReadOnlyList<IAgeIdentity> identities, bool leaveOpen = false) =>
        Decrypt(source, identities, AgeInputFormat.Auto, leaveOpen);

    /// <summary>Decrypt with an explicit input format (armor is then required, or never considered).</summary>
    public static Stream Decrypt(Stream source, IReadOnlyList<IAgeIdentity> identities, AgeInputFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(identities);
        if (identities.Count == 0)
            throw new SameSessionException(ErrorIds.InvalidArgument, "No identity given; pass an identity file (New-SameSessionIdentity creates one) or a passphrase.");
        var unwrappers = identities.Select(i => i as IStanzaUnwrapper ?? throw new SameSessionException(ErrorIds.InvalidArgument,
            $"The identity type {i?.GetType().Name ?? "null"} is not supported; use the types from AgeKeys.")).ToList();
        try
        {
            var raw = new ByteSource(source);
            var armored = format == AgeInputFormat.Armored || (format == AgeInputFormat.Auto && ArmorReader.LooksArmored(raw));
            var input = armored ? new ByteSource(new ArmorReader(raw)) : raw;
            var header = AgeHeader.Parse(input);
            var fileKey = UnwrapFileKey(header, unwrappers);
            if (!header.MacMatches(fileKey))
                throw new AgeException(AgeFailure.HeaderMac, ErrorIds.CapsuleTampered,
                    "The age header MAC does not match: the header was changed after it was written.");
            Span<byte> nonce = stackalloc byte[16];
            if (input.ReadAtMost(nonce) != 16) throw AgeException.Header("the payload nonce is missing or short");
            return new AgeDecryptStream(input, StreamNonce.PayloadKey(fileKey, nonce), leaveOpen ? null : source);
        }
        catch
        {
            if (!leaveOpen) source.Dispose();
            throw;
        }
    }

    private static byte[] UnwrapFileKey(AgeHeader header, List<IStanzaUnwrapper> identities)
    {
        if (header.Stanzas.Count > 1 && header.Stanzas.Any(s => s.Type == ScryptRecipient.StanzaType))
            throw AgeException.Header("a passphrase (scrypt) stanza is not the only stanza");
        foreach (var identity in identities)
        {
            if (identity.Unwrap(header.Stanzas) is { } key)
            {
                if (key.Length != AgeCrypto.FileKeySize) throw AgeException.Header("an unwrapped file key is not 16 bytes");
                return key;
            }
        }
        throw new AgeException(AgeFailure.NoMatch, ErrorIds.NoMatchingIdentity,
            $"None of the {identities.Count} identities opens this age file (its recipients: {string.Join(", ", header.Stanzas.Select(s => s.Type).Distinct())}). Use the identity it was encrypted to.");
    }
}
