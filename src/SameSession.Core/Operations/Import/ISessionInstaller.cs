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

    /// <summary>A fresh native id in the agent's own shape (for -NewId).</summary>
    string NewNativeId() => throw new Errors.SameSessionException(Errors.ErrorIds.UnsupportedFormat, $"Importing {Provider} sessions under a new id (-NewId) is not supported yet; import without -NewId.");
}

/// <param name="Cwd">The directory the session is to live in on this machine.</param>
/// <param name="Provenance">The item to append to the session's imported_from list.</param>
/// <param name="NewId">Install as a fork under this fresh native id (rewritten in file names, id fields and rows).</param>
/// <param name="FailureInjector">Tests only: strikes inside the journal to prove an interrupted install recovers.</param>
public sealed record ImportTarget(string Cwd, AgentEnvironment Environment, bool Force, Provenance Provenance, string? NewId = null, Relocation.Journal.IFailureInjector? FailureInjector = null);

/// <param name="Changed">False when the identical session was already present.</param>
/// <param name="Backup">The folder holding what an update replaced, when it replaced something.</param>
/// <param name="Note">Something the user should know about the install (shown as a warning).</param>
public sealed record ImportedSession(AgentSession Session, bool Changed, string? Backup = null, string? Note = null);
