using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// Gemini keeps no lock or open handle on a chat (it appends and closes), so liveness is inferred (Linux only): a
/// running gemini whose working directory is a project marks that project's most recently updated main session live.
/// </summary>
internal static class GeminiLiveness
{
    public static List<AgentSession> Mark(List<AgentSession> sessions, ProcessTable processes)
    {
        if (sessions.Count == 0 || !OperatingSystem.IsLinux()) return sessions;
        var cwds = processes.Matching("gemini")
            .Select(p => p.WorkingDirectory)
            .OfType<string>()
            .Select(PathText.Trim)
            .ToHashSet(PathText.Comparer);
        if (cwds.Count == 0) return sessions;
        var latest = sessions
            .Where(s => s.Directory is not null && s.Note?.Contains("subagent", StringComparison.Ordinal) != true && cwds.Contains(PathText.Trim(s.Directory)))
            .GroupBy(s => PathText.Trim(s.Directory!), PathText.Comparer)
            .Select(g => g.MaxBy(s => s.Updated)!.Key)
            .ToHashSet(StringComparer.Ordinal);
        return sessions.Select(s => latest.Contains(s.Key) ? s with { IsLive = true } : s).ToList();
    }
}
