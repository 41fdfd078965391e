using System.Text.Json.Nodes;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness.Agents;

/// <summary>
/// Gemini CLI (`gemini -p`), talking the Gemini API to the stand-in via GOOGLE_GEMINI_BASE_URL. The model is pinned
/// with -m: the default "auto" model first asks a JSON classifier the stand-in does not emulate (slow retries).
/// </summary>
public sealed class GeminiCli(AgentHome home, string standInUrl) : AgentCli("gemini", home, standInUrl)
{
    public override ModelApi Api => ModelApi.Gemini;

    protected override void WriteConfig() => WriteFileIfChanged(Home.Combine(".gemini", "settings.json"), """
        {
          "security": { "auth": { "selectedType": "gemini-api-key" } },
          "general": { "disableAutoUpdate": true },
          "privacy": { "usageStatisticsEnabled": false },
          "telemetry": { "enabled": false }
        }
        """);

    protected override IEnumerable<KeyValuePair<string, string?>> AgentEnvironment() =>
    [
        new("GEMINI_API_KEY", "standin-key"),
        new("GOOGLE_GEMINI_BASE_URL", StandInUrl),
        new("GEMINI_CLI_TRUST_WORKSPACE", "true"),
    ];

    public override AgentTurn NewSession(string cwd, string prompt) =>
        Turn(Run(cwd, "-m", "mock-model", "-o", "json", "-p", prompt));

    public override AgentTurn ResumeSession(string cwd, string sessionId, string prompt) =>
        Turn(Run(cwd, "-m", "mock-model", "-o", "json", "-r", sessionId, "-p", prompt));

    private static AgentTurn Turn(CliResult run)
    {
        run.EnsureSuccess();
        var start = run.StdOut.IndexOf('{', StringComparison.Ordinal);
        var json = start < 0 ? null : JsonNode.Parse(run.StdOut[start..]);
        return new AgentTurn(
            json?["session_id"]?.GetValue<string>() ?? throw new InvalidOperationException("no session_id\n" + run.Describe()),
            json["response"]?.GetValue<string>() ?? "", run);
    }
}
