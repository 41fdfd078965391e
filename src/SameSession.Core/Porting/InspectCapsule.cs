using SameSession.Core.Errors;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Operations.Inspect;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// Get-AgentCapsule / `samesession inspect`: the public header always; the manifest when the given identities (or, when
/// none are given, the user's identity file) open it. A capsule for someone else is still described, without a manifest.
/// </summary>
public static class InspectCapsule
{
    public static CapsuleInfo Run(AgentEnvironment environment, string path, IReadOnlyList<string>? identityFiles, string? passphrase, bool verify)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var explicitKeys = identityFiles is { Count: > 0 } || passphrase is not null;
        if (!explicitKeys && !File.Exists(IdentityFile.DefaultPath(environment)))
            return CapsuleInspection.Inspect(path, null, verify);
        var identities = CapsuleKeys.Identities(environment, identityFiles, passphrase);
        try { return CapsuleInspection.Inspect(path, identities, verify); }
        catch (SameSessionException ex) when (ex.Error == ErrorIds.NoMatchingIdentity && !explicitKeys && !verify)
        {
            return CapsuleInspection.Inspect(path, null, false);
        }
    }
}
