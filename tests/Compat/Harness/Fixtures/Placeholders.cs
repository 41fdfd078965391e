using System.Text;

namespace SameSession.Tests.Compat.Harness.Fixtures;

/// <summary>
/// Tokens that stand for machine-specific paths in committed fixtures (see tests/fixtures/README.md):
/// <c>__HOME__</c> = the throwaway home, <c>__HOME_DASHED__</c> = that home in Claude Code's project-folder
/// encoding (every char not [A-Za-z0-9] as '-'), <c>__AGENT_CLIS__</c> = where the CLIs were installed.
/// </summary>
public sealed class Placeholders
{
    public const string Home = "__HOME__";
    public const string HomeDashed = "__HOME_DASHED__";
    public const string AgentClis = "__AGENT_CLIS__";

    private readonly (string Real, string Token)[] _pairs;

    public Placeholders(string home, string? agentClis = null)
    {
        var pairs = new List<(string, string)>();
        if (agentClis is not null) pairs.Add((agentClis.TrimEnd('/'), AgentClis));
        pairs.Add((home.TrimEnd('/'), Home));
        pairs.Add((Dashed(home.TrimEnd('/')), HomeDashed));
        _pairs = [.. pairs.OrderByDescending(p => p.Item1.Length)];
    }

    /// <summary>Claude Code's project-folder encoding of a path.</summary>
    public static string Dashed(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var c in path) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return sb.ToString();
    }

    /// <summary>Real paths to tokens (when capturing a fixture).</summary>
    public string ToTokens(string text)
    {
        foreach (var (real, token) in _pairs) text = text.Replace(real, token, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Tokens to real paths (when materializing a fixture into a home).</summary>
    public string FromTokens(string text)
    {
        foreach (var (real, token) in _pairs) text = text.Replace(token, real, StringComparison.Ordinal);
        return text;
    }
}
