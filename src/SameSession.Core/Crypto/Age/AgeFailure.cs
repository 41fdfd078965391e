using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>Where decryption failed, in the terms of the age test vectors (CCTV).</summary>
public enum AgeFailure
{
    /// <summary>The ASCII armor around the file is malformed.</summary>
    Armor,
    /// <summary>The header is malformed, or an identity found a malformed stanza of its own type.</summary>
    Header,
    /// <summary>None of the identities opens any stanza.</summary>
    NoMatch,
    /// <summary>A file key was found but the header MAC differs.</summary>
    HeaderMac,
    /// <summary>The encrypted payload is truncated, tampered with or followed by data.</summary>
    Payload,
}

/// <summary>A SameSessionException that also says which stage of age decryption failed.</summary>
public sealed class AgeException : SameSessionException
{
    public AgeException(AgeFailure failure, ErrorId error, string message, Exception? inner = null)
        : base(error, message, null, inner) => Failure = failure;

    public AgeException() : this(AgeFailure.Header, ErrorIds.CapsuleCorrupt, "The age file is malformed.") { }
    public AgeException(string message) : this(AgeFailure.Header, ErrorIds.CapsuleCorrupt, message) { }
    public AgeException(string message, Exception inner) : this(AgeFailure.Header, ErrorIds.CapsuleCorrupt, message, inner) { }

    public AgeFailure Failure { get; }

    internal static AgeException Header(string what) =>
        new(AgeFailure.Header, ErrorIds.CapsuleCorrupt, $"The age header is malformed: {what}. The file is damaged or was not written by age.");

    internal static AgeException Armor(string what) =>
        new(AgeFailure.Armor, ErrorIds.CapsuleCorrupt, $"The age ASCII armor is malformed: {what}. Re-copy the armored text without changes.");

    internal static AgeException PayloadCorrupt(string what) =>
        new(AgeFailure.Payload, ErrorIds.CapsuleCorrupt, $"The age payload is damaged: {what}. The file was truncated or extended.");

    internal static AgeException PayloadTampered(long chunk) =>
        new(AgeFailure.Payload, ErrorIds.CapsuleTampered, $"The age payload failed authentication at chunk {chunk}: the data was changed or truncated.");
}
