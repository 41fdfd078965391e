using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Capsules;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Export;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.Common;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// acpx in a capsule: the record <c>sessions/&lt;id&gt;.json</c> and its event streams, installed under the same record id
/// with <c>cwd</c> set to the destination and the active stream path made true here (acpx finds a session by agent,
/// cwd and name). The record points at the agent's own session (<c>acp_session_id</c>), which travels as its own
/// capsule or bundle member (e.g. the opencode session of the same directory); acpx asks the agent to load it.
/// -NewId does not apply: a second record of the same agent session is what acpx itself refuses.
/// (<c>-Format Acpx</c> writes acpx's own archive instead, which acpx imports under a fresh id.)
/// </summary>
public sealed class AcpxPorter : NativePorter
{
    public override AgentProvider Provider => AgentProvider.Acpx;

    public override string ProviderHome(AgentEnvironment environment) => AgentHomes.Resolve(AgentProvider.Acpx, environment);

    public override string NewNativeId() => throw new SameSessionException(ErrorIds.UnsupportedFormat,
        "acpx sessions cannot be imported under a new id (-NewId): the copy would name the same agent session, which acpx refuses; import without -NewId, or export with -Format Acpx and let acpx import it.");

    public override CollectedSession Collect(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        var home = session.Home ?? ProviderHome(environment);
        var record = session.Files.FirstOrDefault(f => f.EndsWith(".json", StringComparison.Ordinal) && File.Exists(f))
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"acpx session {session.Id} lists no record file; run Get-AgentSession again.", session.Key);
        var files = session.Files.Where(f => f != record && File.Exists(f)).Select(f => CollectedFiles.Entry(home, f, "event-stream")).ToList();
        files.Add(CollectedFiles.Entry(home, record, "record"));
        return new CollectedSession(home, files, [], session.ProviderVersion, ImportedFrom(Provider, session.Id, environment));
    }

    protected override InstallPlan Plan(StagedCapsule staged, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(context);
        var sessionsDir = Path.Combine(context.ProviderHome, "sessions");
        var natives = staged.Manifest.Files
            .Select(f => (Entry: f.Path, Rel: CapsulePaths.RelativeToProviderHome(f.Path)))
            .Where(x => x.Rel is not null && x.Rel.StartsWith("sessions/", StringComparison.Ordinal) && x.Rel.IndexOf('/', "sessions/".Length) < 0)
            .ToList();
        var recordName = AcpxNames.EncodeUriComponent(context.SourceId) + ".json";
        var recordEntry = natives.FirstOrDefault(x => x.Rel == "sessions/" + recordName).Entry
            ?? throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"The capsule holds no acpx record for session {context.SourceId}.", context.SourceId);

        var record = ReadRecord(staged.PathOf(recordEntry));
        record["cwd"] = context.TargetCwd;
        if (record["event_log"] is JsonObject log && (string?)log["active_path"] is { } active)
            log["active_path"] = Path.Combine(sessionsDir, Path.GetFileName(active.Replace('\\', '/')));
        var recordFile = Path.Combine(sessionsDir, recordName);
        if (AcpxOpenRecords.InTheWay(sessionsDir, recordFile, (string?)record["agent_command"], context.TargetCwd, (string?)record["name"]) is { } clash)
            throw new SameSessionException(ErrorIds.DestinationExists,
                $"acpx already has an open session for the same agent and name in {context.TargetCwd} ({clash}); close it (acpx <agent> sessions close) or import with -Destination elsewhere.", clash);

        var changes = new ChangeSet($"Import acpx session {context.Id} into {context.TargetCwd}").CreateDirectories(sessionsDir);
        var written = new List<string>();
        foreach (var (entry, rel) in natives.Where(x => x.Entry != recordEntry))
        {
            var target = Path.Combine(sessionsDir, rel!["sessions/".Length..]);
            changes.WriteFile(target, StagedContent.Copy(staged.PathOf(entry), context));
            written.Add(target);
        }
        var bytes = JsonFileText.Bytes(record, trailingNewline: true);
        changes.WriteFile(recordFile, s => s.Write(bytes)); // last: the record is what makes the session visible to acpx
        written.Add(recordFile);

        var session = new AgentSession
        {
            Provider = Provider, Id = context.Id, Title = staged.Manifest.Session.Title, Directory = context.TargetCwd,
            Home = context.ProviderHome, Files = written, ProviderVersion = staged.Manifest.Provider.Version,
        };
        return new InstallPlan(session, changes, written.Where(File.Exists).ToList()) { BackupName = f => Path.GetRelativePath(context.ProviderHome, f) };
    }

    private static JsonObject ReadRecord(string file)
    {
        try
        {
            var record = JsonFileText.ReadObject(file);
            if ((string?)record["schema"] != AcpxNames.Schema) throw new JsonException($"schema is not {AcpxNames.Schema}");
            return record;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"The capsule's acpx record is not readable ({ex.Message}).", file, ex);
        }
    }
}
