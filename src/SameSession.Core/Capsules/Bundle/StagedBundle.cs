using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;

namespace SameSession.Core.Capsules.Bundle;

/// <summary>A bundle read member by member; disposing deletes every staging folder that is left.</summary>
public sealed class StagedBundle(BundleManifest manifest, IReadOnlyList<StagedMember> members) : IDisposable
{
    public BundleManifest Manifest { get; } = manifest;
    public IReadOnlyList<StagedMember> Members { get; } = members;

    public void Dispose()
    {
        foreach (var m in Members) m.Staged?.Dispose();
    }
}

/// <summary>
/// One member after reading: its verified manifest, and its staging folder when it was extracted; or the error that
/// refused it (then neither is kept).
/// </summary>
public sealed record StagedMember(BundleMember Member, CapsuleManifest? Manifest, StagedCapsule? Staged, SameSessionException? Error)
{
    public bool Verified => Error is null;
}
