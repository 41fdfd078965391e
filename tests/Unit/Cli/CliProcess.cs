using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Unit.Cli;

/// <summary>Runs the samesession CLI (<see cref="CliUnderTest"/>) as a real process.</summary>
internal static class CliProcess
{
    public static ProcessResult Run(IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var (program, prefix) = CliUnderTest.Command();
        return ProcessRunner.Run(program, [.. prefix, .. args], environment: env, timeout: TimeSpan.FromMinutes(2));
    }

    public static ProcessResult Run(params string[] args) => Run(null, args);

    /// <summary>Every agent home and SameSession's state under a throwaway <paramref name="home"/>.</summary>
    public static Dictionary<string, string?> IsolatedEnvironment(string home) => new()
    {
        ["HOME"] = home,
        ["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude"),
        ["CODEX_HOME"] = Path.Combine(home, ".codex"),
        ["XDG_DATA_HOME"] = Path.Combine(home, "xdg"),
        ["XDG_CONFIG_HOME"] = Path.Combine(home, "xdg-config"),
        ["XDG_STATE_HOME"] = Path.Combine(home, "state"),
        ["GEMINI_CLI_HOME"] = home,
    };
}
