using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Acpx;

/// <summary>The acpx records of a sessions folder, and the open one that a session for the same agent, cwd and name would clash with.</summary>
internal static class AcpxOpenRecords
{
    /// <summary>Every readable <c>acpx.session.v1</c> record in <paramref name="sessionsDir"/> (none when it is missing).</summary>
    public static IEnumerable<(string File, JsonObject Record)> Records(string sessionsDir)
    {
        if (!Directory.Exists(sessionsDir)) yield break;
        foreach (var file in Directory.EnumerateFiles(sessionsDir, "*.json"))
        {
            JsonObject? record = null;
            try { record = JsonFileText.ReadObject(file); }
            catch (JsonException) { }
            catch (InvalidOperationException) { }
            if (record is not null && (string?)record["schema"] == AcpxNames.Schema) yield return (file, record);
        }
    }

    /// <summary>acpx keeps one open session per agent command, cwd and name: whether <paramref name="record"/> is that one.</summary>
    public static bool IsOpenFor(JsonObject record, string? agent, string cwd, string? name) =>
        (bool?)record["closed"] != true && (string?)record["agent_command"] == agent && (string?)record["cwd"] == cwd && (string?)record["name"] == name;

    /// <summary>The file of an open record (other than <paramref name="self"/>) for the same agent, cwd and name, or null.</summary>
    public static string? InTheWay(string sessionsDir, string self, string? agent, string cwd, string? name)
    {
        foreach (var (file, record) in Records(sessionsDir))
        {
            if (file == self) continue;
            try
            {
                if (IsOpenFor(record, agent, cwd, name)) return file;
            }
            catch (InvalidOperationException) { } // a field of another type: not a record acpx would match
        }
        return null;
    }
}
