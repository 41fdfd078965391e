using System.Text.RegularExpressions;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness.Agents;

/// <summary>Codex CLI (`codex exec`), talking OpenAI Responses to the stand-in through a `mock` model provider.</summary>
public sealed partial class CodexCli(AgentHome home, string standInUrl) : AgentCli("codex", home, standInUrl)
{
    public override ModelApi Api => ModelApi.OpenAiResponses;

    protected override void WriteConfig() => WriteFileIfChanged(Home.Combine(".codex", "config.toml"), $"""
        model = "mock-model"
        model_provider = "mock"
        check_for_update_on_startup = false

        [model_providers.mock]
        name = "Stand-in"
        base_url = "{StandInUrl}/v1"
        env_key = "MOCK_API_KEY"
        wire_api = "responses"

        [analytics]
        enabled = false

        [feedback]
        enabled = false
        """);

    protected override IEnumerable<KeyValuePair<string, string?>> AgentEnvironment() =>
        [new("MOCK_API_KEY", "sk-standin"), new("CODEX_HOME", Home.Combine(".codex"))];

    public override AgentTurn NewSession(string cwd, string prompt) =>
        Turn(Run(cwd, "exec", "--skip-git-repo-check", prompt));

    public override AgentTurn ResumeSession(string cwd, string sessionId, string prompt) =>
        Turn(Run(cwd, "exec", "--skip-git-repo-check", "resume", sessionId, prompt));

    private static AgentTurn Turn(CliResult run)
    {
        run.EnsureSuccess();
        var id = SessionIdLine().Match(run.StdOut + "\n" + run.StdErr);
        if (!id.Success) throw new InvalidOperationException("no 'session id:' line\n" + run.Describe());
        return new AgentTurn(id.Groups[1].Value, run.StdOut.Trim(), run);
    }

    [GeneratedRegex(@"session id:\s*([0-9a-fA-F-]{36})")]
    private static partial Regex SessionIdLine();
}
