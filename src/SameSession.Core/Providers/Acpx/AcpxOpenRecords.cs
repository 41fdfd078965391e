using System.Text.Json;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Acpx;

/// <summary>acpx keeps one open session per agent command, cwd and name: the record that would clash with another one there.</summary>
internal static class AcpxOpenRecords
{
    /// <summary>The file of an open record (other than <paramref name="self"/>) for the same agent, cwd and name, or null.</summary>
    public static string? InTheWay(string sessionsDir, string self, string? agent, string cwd, string? name)
    {
        if (!Directory.Exists(sessionsDir)) return null;
        foreach (var file in Directory.EnumerateFiles(sessionsDir, "*.json"))
        {
            if (file == self || Path.GetFileName(file) == "index.json") continue;
            try
            {
                var other = JsonFileText.ReadObject(file);
                if ((bool?)other["closed"] == true) continue;
                if ((string?)other["agent_command"] == agent && (string?)other["cwd"] == cwd && (string?)other["name"] == name) return file;
            }
            catch (JsonException) { }
            catch (InvalidOperationException) { }
        }
        return null;
    }
}
