using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Errors;
using SameSession.Core.Providers.Common;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.Acpx;

/// <summary>
/// Plans rebinding an acpx record to the directory a path map gives it: the record's `cwd` (acpx finds a session by
/// agent command + cwd walk-up + name) and `event_log.active_path` when the map covers it (a moved home). The event
/// streams are history and stay as they are; the agent's own native session must be moved with its own rebinder.
/// </summary>
public sealed class AcpxRebinder : DiscoveringRebinder<AcpxProvider>
{
    protected override ChangeSet Changes(AgentSession session, PathMap map, string oldDir, string newDir)
    {
        var recordFile = session.Files.FirstOrDefault(f => f.EndsWith(".json", StringComparison.Ordinal))
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"Session {session.Key} lists no acpx record file.", session.Key);
        JsonObject record;
        try { record = JsonFileText.ReadObject(recordFile); }
        catch (JsonException ex) { throw new SameSessionException(ErrorIds.UnsupportedFormat, $"{recordFile} is not a readable acpx record: {ex.Message}", recordFile, ex); }

        var clash = AcpxOpenRecords.InTheWay(Path.GetDirectoryName(recordFile)!, recordFile, (string?)record["agent_command"], newDir, (string?)record["name"]);
        if (clash is not null)
            throw new SameSessionException(ErrorIds.DestinationExists,
                $"acpx already has an open session for the same agent and name in {newDir} ({clash}); close it (acpx … sessions close) or move it first.", clash);

        record["cwd"] = newDir;
        if (record["event_log"] is JsonObject log && (string?)log["active_path"] is { } active && map.TryMap(active, out var movedActive))
            log["active_path"] = movedActive;
        var bytes = JsonFileText.Bytes(record, trailingNewline: true);
        var changes = new ChangeSet($"Rebind acpx session {session.Id} from {oldDir} to {newDir}").WriteFile(recordFile, s => s.Write(bytes));
        return changes;
    }
}
