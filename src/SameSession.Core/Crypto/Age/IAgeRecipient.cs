namespace SameSession.Core.Crypto.Age;

/// <summary>Someone a file can be encrypted to: X25519Recipient, ScryptRecipient, SshEd25519Recipient, SshRsaRecipient.</summary>
public interface IAgeRecipient { }

/// <summary>A key that can open files: X25519Identity, ScryptIdentity, SshEd25519Identity, SshRsaIdentity.</summary>
public interface IAgeIdentity { }

/// <summary>What every built-in recipient does; kept internal so the public interface stays a marker.</summary>
internal interface IStanzaWrapper
{
    AgeStanza Wrap(byte[] fileKey);
}

/// <summary>
/// What every built-in identity does: the file key from the first stanza it opens, or null when none is for it.
/// Throws AgeException (header failure) for a malformed stanza of its own type.
/// </summary>
internal interface IStanzaUnwrapper
{
    byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas);
}
