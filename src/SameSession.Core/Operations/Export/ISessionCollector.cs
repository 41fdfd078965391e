using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Export;

/// <summary>
/// A provider's side of export: which native files and database rows make up a session. It only lists; reading,
/// scanning, hashing and packing are the export operation's job. It must never list credentials or configuration
/// (the operation refuses them anyway, see Policy/ExportDenylist).
/// </summary>
public interface ISessionCollector
{
    AgentProvider Provider { get; }

    CollectedSession Collect(AgentSession session, AgentEnvironment environment);
}

/// <summary>What a collector found for one session.</summary>
/// <param name="ProviderHome">The agent's data home; every <see cref="CollectedFile.RelativePath"/> is relative to it.</param>
/// <param name="ProviderVersion">The agent CLI version that wrote the session, when the files say.</param>
/// <param name="ImportedFrom">Provenance recorded when this session was itself imported, oldest first.</param>
public sealed record CollectedSession(
    string ProviderHome,
    IReadOnlyList<CollectedFile> Files,
    IReadOnlyList<CollectedRows> DbRows,
    string? ProviderVersion = null,
    IReadOnlyList<Provenance>? ImportedFrom = null);

/// <summary>A native file: its absolute path, its path under the provider home ('/' or '\' separated) and its role.</summary>
public sealed record CollectedFile(string SourcePath, string RelativePath, string Role, bool Executable = false);

/// <summary>Rows of one table as JSON Lines (one object per row), opened on demand so large tables stream.</summary>
public sealed record CollectedRows(string Database, string Table, int Rows, Func<Stream> OpenJsonLines);
