using System.Text.Json;
using System.Text.Json.Nodes;

namespace SameSession.Core.Capsules.Acpx;

/// <summary>
/// The session record acpx's importer would write for an archive: the source record with a fresh record id, the new
/// cwd and name, a reset event log pointing at the new active stream, reopened with process metadata cleared and
/// imported_from set (cwd_original = the archive's cwd_original, else cwd_relative), as acpx 0.19.1's importer builds it.
/// The provider session ids (acp_session_id, agent_session_id) are kept, as acpx keeps them.
/// </summary>
public static class AcpxImportedRecord
{
    public static JsonObject Build(AcpxArchiveHeader archive, bool hasHistory, string newRecordId, string cwd, string activeStreamPath, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var record = JsonNode.Parse(archive.State.GetRawText())!.AsObject();
        var oldLog = record["event_log"] as JsonObject;
        record["acpx_record_id"] = newRecordId;
        record["cwd"] = cwd;
        record["name"] = name ?? archive.Name;
        record["event_log"] = new JsonObject
        {
            ["active_path"] = activeStreamPath,
            ["segment_count"] = hasHistory ? 1 : oldLog?["segment_count"]?.DeepClone() ?? 1,
            ["max_segment_bytes"] = oldLog?["max_segment_bytes"]?.DeepClone(),
            ["max_segments"] = oldLog?["max_segments"]?.DeepClone(),
            ["last_write_at"] = null,
            ["last_write_error"] = null,
        };
        record["closed"] = false;
        foreach (var process in new[] { "closed_at", "pid", "agent_started_at", "last_agent_exit_code", "last_agent_exit_signal", "last_agent_exit_at", "last_agent_disconnect_reason" })
            record.Remove(process);
        record["imported_from"] = new JsonObject
        {
            ["record_id"] = archive.RecordId,
            ["cwd_original"] = archive.CwdOriginal ?? archive.CwdRelative,
            ["exported_by"] = archive.ExportedBy,
            ["exported_at"] = archive.ExportedAt,
        };
        return record;
    }

    /// <summary>The new active stream: one compact JSON message per line, newline-terminated.</summary>
    public static void WriteHistoryLine(Stream stream, JsonElement message)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) message.WriteTo(w);
        stream.WriteByte((byte)'\n');
    }
}
