using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

public sealed class CompletionTests : IDisposable
{
    private readonly TempDir _tmp = new("complete");

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Provider_names_parse_from_loose_bound_values()
    {
        Assert.Equal([AgentProvider.Codex], AgentProviderNames.Parse("codex"));
        Assert.Equal([AgentProvider.ClaudeCode, AgentProvider.Gemini], AgentProviderNames.Parse(new object[] { AgentProvider.ClaudeCode, "Gemini", "nope" }));
        Assert.Equal([AgentProvider.OpenCode, AgentProvider.Acpx], AgentProviderNames.Parse("OpenCode, acpx"));
        Assert.Empty(AgentProviderNames.Parse(null));
        Assert.Empty(AgentProviderNames.Parse("42"));
    }

    [Fact]
    public void Completes_ids_by_prefix_within_the_bound_providers()
    {
        var claude = new ClaudeFixture(_tmp.Path);
        var codex = new CodexFixture(_tmp.Path);
        var cwd = Directory.CreateDirectory(_tmp.Combine("p")).FullName;
        claude.Write(cwd, "5f0c1b2a-0000-4000-8000-000000000001", [claude.Prompt("a", cwd, "claude one")]);
        codex.WriteRollout("5f0d0000-0000-7000-8000-000000000002", [CodexFixture.Meta("5f0d0000-0000-7000-8000-000000000002", cwd)]);
        var catalog = new SessionCatalog(claude.Environment(("XDG_DATA_HOME", _tmp.Combine("x")), ("XDG_CONFIG_HOME", _tmp.Combine("y"))));

        Assert.Equal(2, SessionIdCompletion.Complete(catalog, null, "5f0").Count);
        var only = Assert.Single(SessionIdCompletion.Complete(catalog, "ClaudeCode", "'5f0"));
        Assert.Equal("5f0c1b2a-0000-4000-8000-000000000001", only.Id);
        Assert.Contains("claude one", only.ToolTip, StringComparison.Ordinal);
        Assert.Empty(SessionIdCompletion.Complete(catalog, null, "zz"));
    }

    [Theory]
    [InlineData("5f0c1b2a-0000-4000-8000-000000000001", "5f0c1b2a")]
    [InlineData("ses_7a3f1b2c9d8e0123456789abcd", "ses_7a3f1b2c")]
    [InlineData("short", "short")]
    public void Short_id(string id, string expected) =>
        Assert.Equal(expected, new AgentSession { Provider = AgentProvider.ClaudeCode, Id = id }.ShortId);
}
