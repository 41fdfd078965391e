using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Import;

/// <param name="Destination">The directory for the session; default: the source cwd mapped under this home.</param>
/// <param name="Force">Replace a different session that is in the way, or one the agent is running.</param>
public sealed record ImportRequest(string Path, IReadOnlyList<IAgeIdentity> Identities, string? Destination = null, bool Force = false);

public sealed record ImportResult(AgentSession Session, CapsuleManifest Manifest, string Cwd, bool Changed, string CapsuleSha256);
