using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;
using SameSession.Core.Policy;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Export;

/// <summary>
/// Export-AgentSession -Bundle: every session prepared exactly as for its own capsule (collected, scanned, measured),
/// then all of them written into one bundle capsule, atomically. Any session that cannot be exported fails the bundle.
/// </summary>
public sealed class BundleExportOperation(Func<AgentProvider, ISessionCollector> collectorFor, AgentEnvironment environment, IOperationObserver observer, string toolVersion, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The result, or null when ShouldProcess declined (WhatIf). A session given twice is packed once.</summary>
    public BundleExportResult? Run(IReadOnlyList<AgentSession> sessions, BundleExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(request);
        var members = sessions.DistinctBy(s => s.Key).ToList();
        if (members.Count == 0) throw new SameSessionException(ErrorIds.InvalidArgument, "No session to bundle; pipe sessions from Get-AgentSession.");
        var path = Path.GetFullPath(request.Path);
        if (Directory.Exists(path) || request.Path.EndsWith('/') || request.Path.EndsWith(Path.DirectorySeparatorChar))
            throw new SameSessionException(ErrorIds.InvalidArgument, $"A bundle is one file, but '{request.Path}' is a folder; give a file path for -Path.", path);
        if (!request.Force && File.Exists(path))
            throw new SameSessionException(ErrorIds.DestinationExists, $"'{path}' already exists; choose another path or use -Force.", path);
        if (!observer.ShouldProcess(path, $"Export {members.Count} session(s) to one encrypted bundle capsule")) return null;

        var prepared = new List<PreparedExport>(members.Count);
        try
        {
            foreach (var session in members)
            {
                var export = new ExportOperation(collectorFor(session.Provider), environment, observer, toolVersion, _clock);
                prepared.Add(export.Prepare(new ExportRequest(session, path, request.Recipients, request.Secrets, request.Armor, request.Force, request.IncludeWorkspace)));
            }
            observer.Progress(new OperationProgress("Exporting a bundle", $"Writing {path}", 90));
            var bundle = CapsuleWriter.WriteBundleFile(path, ManifestJson.Stored(_clock.GetUtcNow()), new ToolInfo("samesession", toolVersion),
                [.. prepared.Select(p => (p.Manifest, p.Sources))], request.Recipients, request.Armor, overwrite: request.Force);
            observer.Progress(new OperationProgress("Exporting a bundle", "Done", 100, Completed: true));
            return new BundleExportResult(path, new FileInfo(path).Length, bundle, [.. prepared.Select(p => p.Manifest)], [.. prepared.SelectMany(p => p.Findings)]);
        }
        finally
        {
            foreach (var p in prepared) p.Dispose();
        }
    }
}

/// <param name="Path">The bundle capsule file (never a folder).</param>
public sealed record BundleExportRequest(string Path, IReadOnlyList<Crypto.Age.IAgeRecipient> Recipients, SecretPolicy Secrets, bool Armor = false, bool Force = false, bool IncludeWorkspace = false);

/// <param name="Members">Each member's manifest, in bundle order.</param>
public sealed record BundleExportResult(string Path, long Size, BundleManifest Manifest, IReadOnlyList<CapsuleManifest> Members, IReadOnlyList<SecretFinding> Findings)
{
    public int SessionCount => Members.Count;
}
