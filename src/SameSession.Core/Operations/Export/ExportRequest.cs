using SameSession.Core.Crypto.Age;
using SameSession.Core.Policy;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Export;

/// <param name="Force">Overwrite an existing capsule and export a session the agent is running.</param>
/// <param name="IncludeWorkspace">Also pack the files of the session's directory as source/ entries.</param>
public sealed record ExportRequest(
    AgentSession Session,
    string Path,
    IReadOnlyList<IAgeRecipient> Recipients,
    SecretPolicy Secrets,
    bool Armor = false,
    bool Force = false,
    bool IncludeWorkspace = false);

/// <param name="Findings">Secrets that were allowed by fingerprint or redacted (never the secrets themselves).</param>
public sealed record ExportResult(string Path, long Size, Capsules.Manifest.CapsuleManifest Manifest, IReadOnlyList<SecretFinding> Findings);
