using SameSession.Tests.Compat.Harness;
using static SameSession.Tests.Compat.ResumeAssertions;

namespace SameSession.Tests.Compat;

/// <summary>
/// Each real CLI makes a session through the stand-in, then resumes it by id (acpx: its open session for the
/// cwd): the resumed request must carry the earlier turn. This proves the harness itself (CLI install, throwaway
/// home, config, stand-in protocols). The cwd has spaces and non-ASCII characters on purpose.
/// </summary>
public sealed class AgentResumeTests
{
    [Theory]
    [InlineData("claude")]
    [InlineData("codex")]
    [InlineData("opencode")]
    [InlineData("gemini")]
    [InlineData("acpx")]
    public async Task Agent_resumes_its_session_with_the_earlier_turn(string agent)
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory("proj ünï 空间");
        var cli = h.Cli(agent, home);
        string p1 = Unique("first"), p2 = Unique("second");

        var first = cli.NewSession(cwd, p1);
        var second = cli.ResumeSession(cwd, first.SessionId, p2);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Matches(SessionIdPattern(agent), first.SessionId);
        var (firstCount, resumedCount) = AssertResumed(h.StandIn, cli.Api, p1, first, p2, second);
        Assert.True(resumedCount >= firstCount + 2, $"{agent}: {firstCount} then {resumedCount} messages");
    }

    private static string SessionIdPattern(string agent) => agent switch
    {
        "opencode" or "acpx" => "^ses_[0-9A-Za-z]{26}$",
        _ => "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    };
}
