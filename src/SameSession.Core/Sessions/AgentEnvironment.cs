using System.Collections;

namespace SameSession.Core.Sessions;

/// <summary>
/// The user's home and environment variables, injectable so tests and benchmarks run against throwaway homes.
/// Every provider resolves its home through this, never through Environment directly.
/// </summary>
public sealed class AgentEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _vars;

    public AgentEnvironment(string home, IReadOnlyDictionary<string, string>? variables = null)
    {
        Home = home;
        _vars = variables ?? new Dictionary<string, string>();
    }

    public string Home { get; }

    public string? Get(string name) => _vars.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>The value of a path-valued variable with ~ expanded, or the fallback under the home.</summary>
    public string PathOr(string variable, params string[] fallbackUnderHome)
    {
        var v = Get(variable);
        return v is not null ? ExpandHome(v) : Path.Combine([Home, .. fallbackUnderHome]);
    }

    public string ExpandHome(string path)
    {
        if (path == "~") return Home;
        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            return Path.Combine(Home, path[2..]);
        return path;
    }

    public static AgentEnvironment Current
    {
        get
        {
            var vars = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
                vars[(string)e.Key] = (string?)e.Value ?? "";
            var home = vars.GetValueOrDefault("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return new AgentEnvironment(home, vars);
        }
    }

    public AgentEnvironment With(string name, string value)
    {
        var copy = new Dictionary<string, string>(_vars) { [name] = value };
        return new AgentEnvironment(Home, copy);
    }
}
