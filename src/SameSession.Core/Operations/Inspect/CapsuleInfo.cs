using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;

namespace SameSession.Core.Operations.Inspect;

/// <summary>
/// What Get-AgentCapsule shows: the public header always; the manifest with a key; Verified after -Verify. A bundle
/// has <see cref="Bundle"/> and one <see cref="Members"/> item per session instead of <see cref="Manifest"/>.
/// </summary>
public sealed record CapsuleInfo(string Path, long Size, bool Armored, IReadOnlyList<string> RecipientTypes, CapsuleManifest? Manifest, bool? Verified,
    BundleManifest? Bundle = null, IReadOnlyList<CapsuleMemberInfo>? Members = null)
{
    public bool IsBundle => Bundle is not null;
    public int? SessionCount => Bundle?.Members.Count ?? (Manifest is null ? null : 1);
    public string? Provider => Manifest?.Provider.Name;
    public string? SessionId => Manifest?.Session.NativeId;
    public DateTimeOffset? Created => Manifest?.Created ?? Bundle?.Created;
    public string? SourceCwd => Manifest?.Source.Cwd;
    public long? PayloadSize => Manifest?.TotalSize() ?? Bundle?.Members.Sum(m => m.Size);
}

/// <summary>One session of a bundle. After -Verify, <see cref="Verified"/> and, for a refused member, <see cref="Error"/> are set, and <see cref="Manifest"/> for a good one.</summary>
public sealed record CapsuleMemberInfo(string Provider, string SessionId, string? Title, int Files, long PayloadSize, bool? Verified = null, CapsuleManifest? Manifest = null, ErrorReport? Error = null)
{
    public string? SourceCwd => Manifest?.Source.Cwd;

    public static CapsuleMemberInfo Listed(BundleMember m) => new(m.Provider, m.NativeId, m.Title, m.Files, m.Size);

    public static CapsuleMemberInfo Read(StagedMember m) =>
        Listed(m.Member) with { Verified = m.Verified, Manifest = m.Manifest, Error = m.Error is null ? null : ErrorReport.From(m.Error) };
}
