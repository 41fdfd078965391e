using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.StandIn;
using static SameSession.Tests.Compat.ResumeAssertions;

namespace SameSession.Tests.Compat;

/// <summary>
/// Each real CLI makes a session through the stand-in, then resumes it by id: the resumed request must carry the
/// earlier turn. This proves the harness itself (CLI install, throwaway home, config, stand-in protocols).
/// The cwd has spaces and non-ASCII characters on purpose.
/// </summary>
public sealed class AgentResumeTests
{
    private const string Cwd = "proj ünï 空间";

    [Fact]
    public async Task Claude_resumes_a_session_by_id()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory(Cwd);
        var claude = h.Claude(home);
        string p1 = Unique("first"), p2 = Unique("second");

        var first = claude.NewSession(cwd, p1);
        var second = claude.Resume(cwd, first.SessionId, p2);

        Assert.Equal(first.SessionId, second.SessionId);
        AssertResumed(h.StandIn, ModelApi.AnthropicMessages, p1, first, p2, second);
        Assert.Single(Directory.GetFiles(home.Combine(".claude", "projects"), first.SessionId + ".jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Codex_resumes_a_session_by_id()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory(Cwd);
        var codex = h.Codex(home);
        string p1 = Unique("first"), p2 = Unique("second");

        var first = codex.NewSession(cwd, p1);
        var second = codex.Resume(cwd, first.SessionId, p2);

        Assert.Equal(first.SessionId, second.SessionId);
        AssertResumed(h.StandIn, ModelApi.OpenAiResponses, p1, first, p2, second);
        Assert.Single(Directory.GetFiles(home.Combine(".codex", "sessions"), $"rollout-*-{first.SessionId}.jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Opencode_resumes_a_session_by_id()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory(Cwd);
        var opencode = h.Opencode(home);
        string p1 = Unique("first"), p2 = Unique("second");

        var first = opencode.NewSession(cwd, p1);
        var second = opencode.Resume(cwd, first.SessionId, p2);

        Assert.Equal(first.SessionId, second.SessionId);
        AssertResumed(h.StandIn, ModelApi.OpenAiChatCompletions, p1, first, p2, second);
        Assert.True(File.Exists(home.Combine(".local", "share", "opencode", "opencode.db")));
    }

    [Fact]
    public async Task Gemini_resumes_a_session_by_id()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory(Cwd);
        var gemini = h.Gemini(home);
        string p1 = Unique("first"), p2 = Unique("second");

        var first = gemini.NewSession(cwd, p1);
        var second = gemini.Resume(cwd, first.SessionId, p2);

        Assert.Equal(first.SessionId, second.SessionId);
        AssertResumed(h.StandIn, ModelApi.Gemini, p1, first, p2, second);
    }

    [Fact]
    public async Task Acpx_resumes_its_open_session_for_the_cwd()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory(Cwd);
        var acpx = h.Acpx(home);
        string p1 = Unique("first"), p2 = Unique("second");

        var first = acpx.NewSession(cwd, p1);
        var second = acpx.Resume(cwd, first.SessionId, p2);

        AssertResumed(h.StandIn, ModelApi.OpenAiChatCompletions, p1, first, p2, second);
        Assert.True(File.Exists(home.Combine(".acpx", "sessions", Uri.EscapeDataString(first.SessionId) + ".json")));
    }
}
