using System.Text.Json.Nodes;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness.Agents;

/// <summary>Claude Code (`claude -p`), talking Anthropic Messages to the stand-in.</summary>
public sealed class ClaudeCli(AgentHome home, string standInUrl) : AgentCli("claude", home, standInUrl)
{
    public override ModelApi Api => ModelApi.AnthropicMessages;

    protected override void WriteConfig() { } // everything goes through the environment

    protected override IEnumerable<KeyValuePair<string, string?>> AgentEnvironment() =>
    [
        new("ANTHROPIC_BASE_URL", StandInUrl),
        new("ANTHROPIC_API_KEY", "sk-ant-standin"),
        new("DISABLE_TELEMETRY", "1"),
        new("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
        new("DISABLE_AUTOUPDATER", "1"),
        new("DISABLE_ERROR_REPORTING", "1"),
    ];

    public override AgentTurn NewSession(string cwd, string prompt) => Turn(Run(cwd, "-p", prompt, "--output-format", "json"));

    public override AgentTurn ResumeSession(string cwd, string sessionId, string prompt) =>
        Turn(Run(cwd, "-p", "--resume", sessionId, prompt, "--output-format", "json"));

    private static AgentTurn Turn(CliResult run)
    {
        run.EnsureSuccess();
        var json = JsonNode.Parse(run.StdOut) ?? throw new InvalidOperationException(run.Describe());
        return new AgentTurn(
            json["session_id"]?.GetValue<string>() ?? throw new InvalidOperationException("no session_id\n" + run.Describe()),
            json["result"]?.GetValue<string>() ?? "", run);
    }
}
