namespace SameSession.Tests.Compat.Harness.Agents;

/// <summary>
/// acpx driving opencode over ACP (`acpx opencode ...`); opencode is found on PATH, so nothing is fetched by npx.
/// A short queue-owner TTL keeps the background `opencode acp` from outliving the test.
/// </summary>
public sealed class AcpxCli(AgentHome home, string standInUrl) : AgentCli("acpx", home, standInUrl)
{
    protected override void WriteConfig() => OpencodeCli.WriteOpencodeConfig(Home, StandInUrl);

    protected override IEnumerable<KeyValuePair<string, string?>> AgentEnvironment() => OpencodeCli.OfflineEnvironment;

    /// <summary>Creates the acpx session for <paramref name="cwd"/> and sends the first prompt.</summary>
    public AgentTurn NewSession(string cwd, string prompt)
    {
        var created = Run(cwd, "--approve-all", "--ttl", "1", "opencode", "sessions", "new").EnsureSuccess();
        var id = created.StdOut.Trim().Split('\n')[^1].Trim();
        var turn = Prompt(cwd, prompt);
        return turn with { SessionId = id };
    }

    /// <summary>acpx resumes the open session scoped to the cwd (walking up to the git root).</summary>
    public AgentTurn Resume(string cwd, string sessionId, string prompt) => Prompt(cwd, prompt) with { SessionId = sessionId };

    private AgentTurn Prompt(string cwd, string prompt)
    {
        var run = Run(cwd, "--approve-all", "--ttl", "1", "--format", "quiet", "opencode", prompt).EnsureSuccess();
        return new AgentTurn("", run.StdOut.Trim(), run);
    }
}
