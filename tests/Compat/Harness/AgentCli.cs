using SameSession.Core.Infrastructure;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// One real agent CLI bound to a throwaway home and the model stand-in: <see cref="Run"/> starts it in a given cwd
/// with only that home's config, and the subclasses add the agent's new-session and resume commands.
/// </summary>
public abstract class AgentCli
{
    protected AgentCli(string name, AgentHome home, string standInUrl)
    {
        Name = name;
        Home = home;
        StandInUrl = standInUrl;
    }

    public string Name { get; }
    public AgentHome Home { get; }
    protected string StandInUrl { get; }
    /// <summary>Generous: on a loaded 2-core CI machine one opencode turn has taken over a minute.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>The API this agent speaks to the stand-in.</summary>
    public abstract ModelApi Api { get; }

    /// <summary>Starts a session with one prompt; returns its id and the run.</summary>
    public abstract AgentTurn NewSession(string cwd, string prompt);

    /// <summary>Sends one more prompt to session <paramref name="sessionId"/>.</summary>
    public abstract AgentTurn ResumeSession(string cwd, string sessionId, string prompt);

    /// <summary>Writes the agent's config files into the home (idempotent); called before every run.</summary>
    protected abstract void WriteConfig();

    /// <summary>Agent-specific environment on top of <see cref="BaseEnvironment"/>.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string?>> AgentEnvironment();

    public CliResult Run(string cwd, params string[] arguments)
    {
        WriteConfig();
        var env = Environment(cwd);
        var result = ProcessRunner.Run(AgentClis.Executable(Name), arguments, cwd, Timeout, env, stdin: "");
        return new CliResult(Name, arguments, result.ExitCode, result.StdOut, result.StdErr, result.TimedOut);
    }

    /// <summary>
    /// The environment this agent runs with in <paramref name="cwd"/>: also the one a samesession process needs to
    /// see the same agent home (HOME, XDG_*, CODEX_HOME...).
    /// </summary>
    public Dictionary<string, string?> Environment(string cwd)
    {
        var env = BaseEnvironment();
        env["PWD"] = cwd; // opencode takes its directory from $PWD, not from the process working directory
        foreach (var (k, v) in AgentEnvironment()) env[k] = v;
        return env;
    }

    /// <summary>HOME and the XDG folders point into the throwaway home; the user's own agent settings are removed.</summary>
    private Dictionary<string, string?> BaseEnvironment()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = Home.Path,
            ["USERPROFILE"] = Home.Path,
            ["XDG_CONFIG_HOME"] = Home.Combine(".config"),
            ["XDG_DATA_HOME"] = Home.Combine(".local", "share"),
            ["XDG_STATE_HOME"] = Home.Combine(".local", "state"),
            ["XDG_CACHE_HOME"] = Home.Combine(".cache"),
            ["PATH"] = AgentClis.BinDirectory + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
            ["NO_COLOR"] = "1",
            ["TERM"] = "dumb",
            ["LANG"] = "C.UTF-8",
            ["TZ"] = "UTC",
        };
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (IsAgentSetting(name)) env[name] = null;
        return env;
    }

    private static readonly string[] AgentPrefixes =
        ["ANTHROPIC_", "CLAUDE_", "CODEX_", "OPENAI_", "OPENCODE", "GEMINI_", "GOOGLE_", "ACPX_"];

    private static bool IsAgentSetting(string name) =>
        AgentPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    protected static void WriteFileIfChanged(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllText(path) == content) return;
        File.WriteAllText(path, content);
    }
}
