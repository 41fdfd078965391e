using SameSession.Core.Infrastructure;
using System.Globalization;
using System.Text.Json;
using SameSession.Core.Capsules.Acpx;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Policy;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting.Acpx;

/// <summary>
/// Export-AgentSession -Format Acpx: an acpx session's record and event-stream segments (oldest first) as the archive
/// `acpx &lt;agent&gt; sessions export` writes (format_version 1). The archive is plain JSON, so it is secret-scanned
/// like a capsule, written beside the target and renamed into place, owner-only on Unix. The user's files are only read.
/// </summary>
public sealed class AcpxArchiveExport(AgentEnvironment environment, IOperationObserver observer, string toolVersion, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The result, or null when ShouldProcess declined (WhatIf).</summary>
    public ExportResult? Run(AgentSession session, string path, SecretPolicy secrets, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(secrets);
        if (session.Provider != AgentProvider.Acpx)
            throw new SameSessionException(ErrorIds.UnsupportedFormat,
                $"{session.Key} is a {session.Provider} session; -Format Acpx (--format acpx) writes acpx archives of acpx sessions only. Use -Format Capsule.", session.Key);
        if (session.IsLive && !force)
            throw new SameSessionException(ErrorIds.SessionLocked, $"{session.Key} is open in a running acpx queue owner; close it (acpx <agent> sessions close), or use -Force.", session.Key);
        var recordFile = session.Files.FirstOrDefault(f => f.EndsWith(".json", StringComparison.Ordinal))
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"Session {session.Key} lists no acpx record file.", session.Key);
        path = Path.GetFullPath(path);
        if (!force && File.Exists(path))
            throw new SameSessionException(ErrorIds.DestinationExists, $"'{path}' already exists; choose another path or use -Force.", path);
        if (!observer.ShouldProcess(path, $"Export {session.Key} to an acpx archive")) return null;

        using var record = JsonDocument.Parse(File.ReadAllBytes(recordFile));
        var header = Header(record.RootElement, session);
        var segments = session.Files.Where(f => f != recordFile).ToList();
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        var redacted = partial + ".redacted";
        try
        {
            using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                AcpxArchive.Write(output, header, segments.SelectMany(File.ReadLines));
            IReadOnlyList<SecretFinding> findings;
            var final = partial;
            if (secrets.RedactSecrets)
            {
                using var input = File.OpenRead(partial);
                using var output = new FileStream(redacted, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                findings = SecretScanner.Redact(input, output, recordFile, secrets.ShouldRedact);
                final = redacted;
            }
            else
            {
                using var input = File.OpenRead(partial);
                findings = SecretScanner.Scan(input, recordFile);
            }
            secrets.Enforce(findings);
            foreach (var allowed in findings.Where(secrets.IsAllowed)) observer.Warning($"Exporting an allowed secret: {allowed}.");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(final, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(final, path, overwrite: force);
            var manifest = AcpxArchiveManifest.Describe(header, _clock.GetUtcNow(), toolVersion, session.Title);
            return new ExportResult(path, new FileInfo(path).Length, manifest, findings);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(redacted);
        }
    }

    private AcpxArchiveHeader Header(JsonElement r, AgentSession session)
    {
        string? Str(string name) => r.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var cwd = Str("cwd") ?? throw new SameSessionException(ErrorIds.InvalidArgument, $"{session.Key} records no cwd, so acpx could not import it.", session.Key);
        var created = Str("created_at") ?? "";
        var relative = AcpxArchive.CwdRelative(cwd, environment.Home);
        // As acpx 0.19.1 exports: no absolute path of this machine in the archive (state.cwd relative, active_path bare).
        var state = System.Text.Json.Nodes.JsonNode.Parse(r.GetRawText())!.AsObject();
        state["cwd"] = relative;
        if (state["event_log"] is System.Text.Json.Nodes.JsonObject log) log["active_path"] = ".stream.ndjson";
        return new AcpxArchiveHeader(
            ExportedAt: _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ExportedBy: "samesession",
            RecordId: Str("acpx_record_id") ?? session.Id,
            Name: Str("name"),
            Agent: Str("agent_command") ?? "",
            CwdRelative: relative,
            CwdAbsoluteOriginal: null,
            CreatedAt: created,
            UpdatedAt: Str("last_used_at") ?? Str("updated_at") ?? created,
            State: JsonSerializer.SerializeToElement(state, CoreJsonContext.Default.JsonObject),
            CwdOriginal: relative);
    }
}
