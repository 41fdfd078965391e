using SameSession.Core.Errors;

namespace SameSession.Core.Capsules;

/// <summary>Builds the exceptions capsule reading throws, so every refusal names the capsule entry and its stable id.</summary>
internal static class CapsuleErrors
{
    public static SameSessionException Corrupt(string reason, string? entry = null) =>
        new(ErrorIds.CapsuleCorrupt, entry is null ? $"The capsule is malformed: {reason}." : $"The capsule is malformed: {reason} (entry '{entry}').", entry);

    public static SameSessionException Tampered(string reason, string? entry = null) =>
        new(ErrorIds.CapsuleTampered, entry is null ? $"The capsule was changed after it was written: {reason}." : $"The capsule was changed after it was written: {reason} (entry '{entry}').", entry);

    public static SameSessionException Unsupported(string reason) =>
        new(ErrorIds.UnsupportedFormat, $"{reason}. Update SameSession to read this capsule.");
}
