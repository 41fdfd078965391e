using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;
using SameSession.Core.Policy;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Export;

/// <summary>
/// Export-AgentSession: collect the session's files and rows, refuse credentials, scan every byte for secrets (block,
/// allow or redact), measure, and write one encrypted capsule atomically. The user's files are only read.
/// </summary>
/// <param name="scratch">Where redacted copies are spooled (default: the temp folder); removed when the export ends.</param>
public sealed class ExportOperation(ISessionCollector collector, AgentEnvironment environment, IOperationObserver observer, string toolVersion, TimeProvider? clock = null, string? scratch = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The result, or null when ShouldProcess declined (WhatIf).</summary>
    public ExportResult? Run(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckSession(request);
        var path = Path.GetFullPath(request.Path);
        if (!request.Force && File.Exists(path))
            throw new SameSessionException(ErrorIds.DestinationExists, $"'{path}' already exists; choose another path or use -Force.", path);
        if (!observer.ShouldProcess(path, $"Export {request.Session.Key} to an encrypted capsule")) return null;

        using var prepared = Prepare(request);
        observer.Progress(new OperationProgress($"Exporting {request.Session.Key}", $"Writing {path}", 90));
        CapsuleWriter.WriteFile(path, prepared.Manifest, prepared.Sources, request.Recipients, request.Armor, overwrite: request.Force);
        observer.Progress(new OperationProgress($"Exporting {request.Session.Key}", "Done", 100, Completed: true));
        return new ExportResult(path, new FileInfo(path).Length, prepared.Manifest, prepared.Findings);
    }

    /// <summary>
    /// Everything but writing: collects, scans (enforcing the secret policy) and measures the session into its manifest
    /// and entry sources. Dispose the result to remove redacted copies. <see cref="ExportRequest.Path"/> is not used.
    /// </summary>
    public PreparedExport Prepare(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (session, cwd) = CheckSession(request);
        var collected = collector.Collect(session, environment);
        var sources = Sources(collected);
        if (request.IncludeWorkspace)
            foreach (var file in Porting.WorkspaceSnapshot.Collect(cwd, observer.Warning))
                sources.Add((CapsuleFileSource.FromFile(CapsulePaths.SourcePrefix + file.RelativePath, file.Role, file.SourcePath, file.Executable), file.SourcePath));
        var spool = Path.Combine(scratch ?? Path.GetTempPath(), $"samesession-export-{Guid.NewGuid():N}");
        try
        {
            var prepared = new List<PreparedFile>(sources.Count);
            foreach (var ((source, shownAs), i) in sources.Select((s, i) => (s, i)))
            {
                observer.Progress(new OperationProgress($"Exporting {session.Key}", $"Scanning {shownAs}", i * 90 / Math.Max(1, sources.Count)));
                prepared.Add(PreparedFile.Prepare(source, shownAs, request.Secrets, spool));
            }
            var findings = prepared.SelectMany(p => p.Findings).ToList();
            request.Secrets.Enforce(findings);
            foreach (var allowed in findings.Where(request.Secrets.IsAllowed))
                observer.Warning($"Exporting an allowed secret: {allowed}.");
            return new PreparedExport(BuildManifest(session, cwd, collected, prepared), [.. prepared.Select(p => p.Source)], findings, spool);
        }
        catch
        {
            if (Directory.Exists(spool)) Directory.Delete(spool, recursive: true);
            throw;
        }
    }

    private (AgentSession Session, string Cwd) CheckSession(ExportRequest request)
    {
        var session = request.Session;
        if (session.Provider != collector.Provider)
            throw new ArgumentException($"The collector is for {collector.Provider}, the session is {session.Provider}.", nameof(request));
        if (request.Recipients.Count == 0)
            throw new SameSessionException(ErrorIds.InvalidArgument, "No recipient given; pass -Recipient age1… (or an ssh public key), or -Passphrase.");
        if (session.IsLive && !request.Force)
            throw new SameSessionException(ErrorIds.SessionLocked, $"{session.Key} is open in a running agent; close it, or use -Force to export it as it is now.", session.Key);
        var cwd = session.Directory ?? session.ProjectRoot
            ?? throw new SameSessionException(ErrorIds.InvalidArgument, $"{session.Key} records no working directory, so it cannot be relocated on import.", session.Key);
        return (session, cwd);
    }

    /// <summary>Each entry's source and the name findings show the user (the real file, or database:table).</summary>
    private static List<(CapsuleFileSource Source, string ShownAs)> Sources(CollectedSession collected)
    {
        var sources = new List<(CapsuleFileSource, string)>();
        foreach (var file in collected.Files)
        {
            SecretPolicy.RefuseDenied(file.SourcePath);
            sources.Add((CapsuleFileSource.FromFile(CapsulePaths.Native(file.RelativePath), file.Role, file.SourcePath, file.Executable), file.SourcePath));
        }
        foreach (var rows in collected.DbRows)
            sources.Add((new CapsuleFileSource(CapsulePaths.DbRows(rows.Database, rows.Table), "db-rows", rows.OpenJsonLines), $"{rows.Database}:{rows.Table}"));
        return sources;
    }

    private CapsuleManifest BuildManifest(AgentSession session, string cwd, CollectedSession collected, List<PreparedFile> prepared)
    {
        return new CapsuleManifest
        {
            Created = ManifestJson.Stored(_clock.GetUtcNow()),
            Tool = new ToolInfo("samesession", toolVersion),
            Provider = new ProviderInfo(session.Provider.ToString(), collected.ProviderVersion ?? session.ProviderVersion),
            Session = new SessionInfo(session.Id, session.Title),
            Source = SourceDescription.ForThisMachine(cwd, environment.Home, collected.ProviderHome),
            Files = [.. prepared.Select(p => p.Record).OrderBy(f => f.Path, StringComparer.Ordinal)],
            DbRows = [.. collected.DbRows.Select(r => new DbRowSet(r.Database, r.Table, CapsulePaths.DbRows(r.Database, r.Table), r.Rows))],
            Redactions = [.. prepared.SelectMany(p => p.Redacted.Select(f => new Redaction(p.Record.Path, f.Line, f.Rule, f.Fingerprint)))],
            ImportedFrom = collected.ImportedFrom ?? [],
        };
    }
}
