using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Import;

/// <summary>
/// A provider's side of import: place a verified, staged capsule into the agent's store and rebind it to the target
/// directory, all-or-nothing (through the relocation journal). Importing the same capsule twice must be a no-op, and a
/// newer capsule of a session already present updates it (keeping a backup).
/// </summary>
public interface ISessionInstaller
{
    AgentProvider Provider { get; }

    /// <summary>A folder on the same file system as the agent's store, so installing staged files is a rename.</summary>
    string StagingParent(AgentEnvironment environment);

    ImportedSession Install(StagedCapsule staged, ImportTarget target);
}

/// <param name="Cwd">The directory the session is to live in on this machine.</param>
/// <param name="Provenance">The item to append to the session's imported_from list.</param>
public sealed record ImportTarget(string Cwd, AgentEnvironment Environment, bool Force, Provenance Provenance);

/// <param name="Changed">False when the identical session was already present.</param>
public sealed record ImportedSession(AgentSession Session, bool Changed);
