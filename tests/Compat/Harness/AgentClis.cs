using System.Reflection;

namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// Where the pinned agent CLIs are installed: <c>$SAMESESSION_AGENT_CLIS</c>, else <c>.cache/agent-clis</c> at the
/// repo root (filled by <c>tests/Compat/install-clis.sh</c>).
/// </summary>
public static class AgentClis
{
    public const string OverrideVariable = "SAMESESSION_AGENT_CLIS";

    /// <summary>The pinned versions the compat tests and fixtures are made with.</summary>
    public static IReadOnlyDictionary<string, string> PinnedVersions { get; } = new Dictionary<string, string>
    {
        ["claude"] = "2.1.328",
        ["codex"] = "0.169.0",
        ["opencode"] = "1.18.33",
        ["acpx"] = "0.19.1",
        ["gemini"] = "0.61.0",
    };

    public static string RepoRoot { get; } = Path.GetFullPath(
        typeof(AgentClis).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!);

    public static string InstallRoot =>
        Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepoRoot, ".cache", "agent-clis");

    public static string BinDirectory => Path.Combine(InstallRoot, "node_modules", ".bin");

    /// <summary>The launcher of one CLI (claude, codex, opencode, acpx, gemini); throws naming the fix when absent.</summary>
    public static string Executable(string name)
    {
        var path = Path.Combine(BinDirectory, name);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Agent CLI '{name}' is not installed at {path}. Run `bash tests/Compat/install-clis.sh` " +
                $"(or set {OverrideVariable} to a folder holding node_modules/.bin/{name}).", path);
        return path;
    }
}
