using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Capsules.Acpx;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Import;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.Common;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting.Acpx;

/// <summary>
/// Import-AgentSession of an acpx `sessions export` archive: installs it as a native acpx session under
/// ~/.acpx/sessions the way `acpx &lt;agent&gt; sessions import` does (fresh record id, cwd under this home or
/// -Destination, event log reset to one new active stream, imported_from set), all-or-nothing through the journal.
/// The whole archive is validated before anything is written. Importing the same archive again is a no-op; an open
/// acpx session of the same agent, cwd and name, or a record of the same provider session id, is in the way (acpx
/// refuses both too). -Force and -NewId do not apply: acpx gives every import a fresh record id.
/// </summary>
public sealed class AcpxArchiveImport(AgentEnvironment environment, IOperationObserver observer, TimeProvider? clock = null, IFailureInjector? failureInjector = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>An acpx archive is a JSON object; a capsule is an age file ("age-encryption.org/" or armored "-----BEGIN").</summary>
    public static bool IsArchive(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[512];
        var n = file.Read(head);
        var text = head[..n];
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        foreach (var b in text)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b == (byte)'{';
        return false;
    }

    /// <summary>An existing acpx archive needs no age identity, so the front ends do not ask for one.</summary>
    public static bool NeedsNoKey(string path) => File.Exists(path) && IsArchive(path);

    /// <summary>The result, or null when ShouldProcess declined (WhatIf; the archive was still validated).</summary>
    public ImportResult? Run(string path, string? destination = null)
    {
        path = Path.GetFullPath(path);
        var (header, messages, sha) = Validate(path);
        var cwd = destination is not null ? Path.GetFullPath(environment.ExpandHome(destination)) : AcpxArchive.ResolveCwd(header.CwdRelative, environment.Home);
        var acpxHome = AgentHomes.Resolve(AgentProvider.Acpx, environment);
        var sessionsDir = Path.Combine(acpxHome, "sessions");
        var manifest = AcpxArchiveManifest.Describe(header, _clock.GetUtcNow(), "acpx", Title(header.State));

        if (Directory.Exists(sessionsDir) && AlreadyImported(sessionsDir, header, cwd) is { } existing)
        {
            observer.Verbose($"acpx session {header.RecordId} from '{path}' is already here as {existing}; nothing changed.");
            return new ImportResult(Find(existing), manifest, cwd, Changed: false, sha);
        }
        if (Directory.Exists(sessionsDir)) RefuseClashes(sessionsDir, header, cwd);
        if (!observer.ShouldProcess(cwd, $"Import acpx session {header.RecordId} from '{path}'")) return null;

        var newId = Guid.NewGuid().ToString();
        var recordFile = AcpxNames.RecordFile(sessionsDir, newId);
        var active = AcpxNames.ActiveStream(sessionsDir, newId);
        var record = AcpxImportedRecord.Build(header, messages > 0, newId, cwd, active);
        var bytes = JsonFileText.Bytes(record, trailingNewline: true);
        var changes = new ChangeSet($"Import acpx session {header.RecordId} as {newId} in {cwd}").CreateDirectories(sessionsDir);
        if (messages > 0)
            changes.WriteFile(active, output =>
            {
                using var input = File.OpenRead(path);
                AcpxArchive.Read(input, m => AcpxImportedRecord.WriteHistoryLine(output, m));
            });
        changes.WriteFile(recordFile, s => s.Write(bytes)); // last: the record is what makes the session visible
        var journal = JournalStore.For(environment);
        JournalRecovery.RecoverAll(journal);
        new JournalTransaction(journal, failureInjector).Apply(changes);
        if (!OperatingSystem.IsWindows())
            foreach (var f in new[] { recordFile, active }.Where(File.Exists)) File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new ImportResult(Find(newId), manifest, cwd, Changed: true, sha);
    }

    /// <summary>Reads the whole archive once (hashing it); ids that could name a path outside the sessions folder are refused.</summary>
    private static (AcpxArchiveHeader Header, int Messages, string Sha256) Validate(string path)
    {
        using var file = new HashingReadStream(File.OpenRead(path));
        var messages = 0;
        var header = AcpxArchive.Read(file, _ => messages++);
        file.CopyTo(Stream.Null);
        foreach (var (what, id) in new[] { ("session.record_id", header.RecordId), ("acpx_record_id", Str(header.State, "acpx_record_id")), ("acp_session_id", Str(header.State, "acp_session_id")) })
            if (id is not null && !SafeId(id))
                throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"'{path}' names the session {what} '{id}', which is not a plain id (path separators, '..' or control characters); it was not imported.", path);
        if (!Path.IsPathRooted(header.CwdRelative) && header.CwdRelative.Replace('\\', '/').Split('/').Contains(".."))
            throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"'{path}' gives cwd_relative '{header.CwdRelative}', which leaves the home folder; pass -Destination to choose the directory.", path);
        return (header, messages, file.Sha256Hex());
    }

    private static bool SafeId(string id) =>
        id.Length is > 0 and <= 256 && id is not ("." or "..") && !id.Contains("..", StringComparison.Ordinal)
        && !id.Any(c => c is '/' or '\\' or ':' || char.IsControl(c));

    /// <summary>A record this archive already made here: imported_from names the same source record and export, and the cwd agrees.</summary>
    private static string? AlreadyImported(string sessionsDir, AcpxArchiveHeader header, string cwd)
    {
        foreach (var (file, r) in AcpxOpenRecords.Records(sessionsDir))
            if (r["imported_from"] is JsonObject from && (string?)from["record_id"] == header.RecordId
                && (string?)from["exported_at"] == header.ExportedAt && (string?)r["cwd"] == cwd && (string?)r["acpx_record_id"] is { } id)
                return id;
        return null;
    }

    /// <summary>acpx's own import refuses an open record of the same agent, cwd and name, and any record of the same provider session id.</summary>
    private void RefuseClashes(string sessionsDir, AcpxArchiveHeader header, string cwd)
    {
        var name = Str(header.State, "name") ?? header.Name;
        var acpId = Str(header.State, "acp_session_id");
        var clashes = AcpxOpenRecords.Records(sessionsDir)
            .Where(x => AcpxOpenRecords.IsOpenFor(x.Record, header.Agent, cwd, name)
                || (acpId is not null && (string?)x.Record["acp_session_id"] == acpId))
            .Select(x => (x.File, Id: (string?)x.Record["acpx_record_id"] ?? x.File))
            .ToList();
        if (clashes.Count == 0) return;
        var live = clashes.FirstOrDefault(c => Find(c.Id, required: false)?.IsLive == true);
        var (file, id) = live.Id is not null ? live : clashes[0];
        throw new SameSessionException(live.Id is not null ? ErrorIds.SessionLocked : ErrorIds.DestinationExists,
            $"acpx already has session {id} for {header.Agent} in {cwd}{(name is null ? "" : $" named '{name}'")} or for provider session {acpId}{(live.Id is not null ? ", and it is running" : "")}; " +
            "close or remove it (acpx <agent> sessions close / prune), or import with -Destination elsewhere.", file);
    }

    private AgentSession Find(string id) => Find(id, required: true)!;

    private AgentSession? Find(string id, bool required)
    {
        var context = new DiscoveryContext(environment, observer, includeArchived: true) { IdFilter = candidate => candidate == id };
        return new AcpxProvider().Discover(context).FirstOrDefault(s => s.Id == id)
            ?? (required ? throw new SameSessionException(ErrorIds.SessionNotFound, $"The imported acpx record {id} could not be read back.", id) : null);
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Title(JsonElement state) => Str(state, "title") ?? Str(state, "name");
}
