using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Import;

/// <param name="Destination">The directory for the session; default: the source cwd mapped under this home.</param>
/// <param name="Force">Replace a different session that is in the way, or one the agent is running.</param>
/// <param name="NewId">Install as a fork under a fresh native id, leaving any existing copy alone.</param>
public sealed record ImportRequest(string Path, IReadOnlyList<IAgeIdentity> Identities, string? Destination = null, bool Force = false, bool NewId = false);

/// <param name="Backup">The folder keeping what an update replaced (null when nothing was replaced).</param>
public sealed record ImportResult(AgentSession Session, CapsuleManifest Manifest, string Cwd, bool Changed, string CapsuleSha256, string? Backup = null)
{
    public AgentProvider Provider => Session.Provider;
    public string Id => Session.Id;
}

/// <summary>One session of an import: its result, or the error that kept it out (a bundle reports every member).</summary>
public sealed record ImportOutcome(string Provider, string Id, ImportResult? Result, ErrorReport? Error)
{
    public bool Succeeded => Error is null;

    public static ImportOutcome Installed(ImportResult result) => new(result.Provider.ToString(), result.Id, result, null);

    public static ImportOutcome Failed(string provider, string id, ErrorReport error) => new(provider, id, null, error);
}
