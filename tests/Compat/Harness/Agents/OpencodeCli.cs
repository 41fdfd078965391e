using System.Text.RegularExpressions;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness.Agents;

/// <summary>
/// opencode (`opencode run`), talking Chat Completions to the stand-in through its bundled
/// <c>@ai-sdk/openai-compatible</c> provider (1.18 ships it built in: no npm install at run time).
/// </summary>
public sealed partial class OpencodeCli(AgentHome home, string standInUrl) : AgentCli("opencode", home, standInUrl)
{
    public override ModelApi Api => ModelApi.OpenAiChatCompletions;

    protected override void WriteConfig() => WriteOpencodeConfig(Home, StandInUrl);

    protected override IEnumerable<KeyValuePair<string, string?>> AgentEnvironment() => OfflineEnvironment;

    /// <summary>Keeps opencode from reaching models.dev, npm (plugins) or its updater.</summary>
    internal static readonly KeyValuePair<string, string?>[] OfflineEnvironment =
    [
        new("OPENCODE_DISABLE_MODELS_FETCH", "1"),
        new("OPENCODE_DISABLE_AUTOUPDATE", "1"),
        new("OPENCODE_DISABLE_DEFAULT_PLUGINS", "1"),
        new("OPENCODE_DISABLE_LSP_DOWNLOAD", "1"),
        new("OPENCODE_DISABLE_SHARE", "1"),
        new("OPENCODE_DISABLE_CLAUDE_CODE", "1"),
    ];

    internal static void WriteOpencodeConfig(AgentHome home, string standInUrl) =>
        WriteFileIfChanged(home.Combine(".config", "opencode", "opencode.json"), $$"""
        {
          "$schema": "https://opencode.ai/config.json",
          "autoupdate": false,
          "share": "disabled",
          "provider": {
            "mock": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Stand-in",
              "options": { "baseURL": "{{standInUrl}}/v1", "apiKey": "sk-standin" },
              "models": { "mock-model": { "name": "Mock model" } }
            }
          },
          "model": "mock/mock-model",
          "small_model": "mock/mock-model"
        }
        """);

    public override AgentTurn NewSession(string cwd, string prompt) => Turn(Run(cwd, "run", "--format", "json", prompt));

    public override AgentTurn ResumeSession(string cwd, string sessionId, string prompt) =>
        Turn(Run(cwd, "run", "--format", "json", "--session", sessionId, prompt));

    private static AgentTurn Turn(CliResult run)
    {
        run.EnsureSuccess();
        var id = SessionId().Match(run.StdOut);
        if (!id.Success) throw new InvalidOperationException("no ses_ id in the JSON events\n" + run.Describe());
        return new AgentTurn(id.Value, run.StdOut, run);
    }

    [GeneratedRegex(@"ses_[0-9A-Za-z]{26}")]
    private static partial Regex SessionId();
}
