using SameSession.Core.Capsules.Manifest;

namespace SameSession.Core.Operations.Inspect;

/// <summary>What Get-AgentCapsule shows: the public header always; the manifest with a key; Verified after -Verify.</summary>
public sealed record CapsuleInfo(string Path, long Size, bool Armored, IReadOnlyList<string> RecipientTypes, CapsuleManifest? Manifest, bool? Verified)
{
    public string? Provider => Manifest?.Provider.Name;
    public string? SessionId => Manifest?.Session.NativeId;
    public DateTimeOffset? Created => Manifest?.Created;
    public string? SourceCwd => Manifest?.Source.Cwd;
    public long? PayloadSize => Manifest?.TotalSize();
}
