using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;

namespace SameSession.Tests.Compat;

/// <summary>
/// A fixture materialized into a brand-new home (another path than the one it was made in) still resumes with
/// the real CLI, and the model receives both earlier turns: the placeholder scheme loses nothing the agent needs.
/// </summary>
public sealed class FixtureResumeTests
{
    [Theory]
    [InlineData("claude")]
    [InlineData("codex")]
    [InlineData("opencode")]
    public async Task Materialized_fixture_session_resumes_with_its_history(string agent)
    {
        await using var h = await CompatHarness.StartAsync();
        var folder = FixtureMaterializer.Folder(agent, AgentClis.PinnedVersions[agent]);
        var home = h.NewHome();
        FixtureMaterializer.Materialize(folder, home.Path);
        var session = ExpectedFixtures.Read(folder).Sessions.Single(s => s.Workspace == "unicode");
        var cli = h.Cli(agent, home);
        var next = ResumeAssertions.Unique("third");

        var turn = cli.ResumeSession(session.DirectoryIn(home.Path), session.Id, next);

        Assert.Equal(session.Id, turn.SessionId);
        var request = h.StandIn.TurnRequest(cli.Api, next, turn.Run.StdOut);
        foreach (var prompt in session.Prompts)
            Assert.True(request.Mentions(prompt), $"the resumed request lacks the fixture's prompt '{prompt}'");
        Assert.True(request.MessageCount > session.MessageCount,
            $"the resumed request sent {request.MessageCount} messages; the fixture session has {session.MessageCount}");
        Console.WriteLine($"{agent} fixture {session.Id} resumed: stand-in saw {request.MessageCount} messages");
    }
}
