using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Providers;

/// <summary>Runs a provider's discovery against a throwaway home and keeps its warnings.</summary>
internal static class ProviderTestKit
{
    /// <summary>An environment whose home is the "home" folder of the scratch directory, with no variables set.</summary>
    public static AgentEnvironment Env(TempDir t) => new(t.Combine("home"));

    public static (List<AgentSession> Sessions, List<string> Warnings) Discover(IAgentProvider provider, AgentEnvironment env, bool includeArchived = false)
    {
        var observer = new RecordingObserver();
        var sessions = provider.Discover(new DiscoveryContext(env, observer, includeArchived)).ToList();
        return (sessions, observer.Warnings);
    }

    /// <summary>Every file under a folder with its size and write time: proof that discovery wrote nothing.</summary>
    public static string Snapshot(string root) => string.Join("\n",
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));

    public static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A directory that is the root of a git work tree (just enough for .git discovery and HEAD).</summary>
    public static string GitRepo(string path, string branch = "main")
    {
        Directory.CreateDirectory(Path.Combine(path, ".git"));
        File.WriteAllText(Path.Combine(path, ".git", "HEAD"), $"ref: refs/heads/{branch}\n");
        return path;
    }

    /// <summary>A rebinder's changes for moving <paramref name="session"/> by <paramref name="map"/>.</summary>
    public static ChangeSet Plan(IRebinder rebinder, AgentSession session, PathMap map) =>
        rebinder.Plan(session, new RebindRequest(map, new AgentEnvironment(session.Home ?? Path.GetTempPath()))).Changes;
}
