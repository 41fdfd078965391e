using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat;

/// <summary>
/// A fixture materialized into a brand-new home (another path than the one it was made in) still resumes with
/// the real CLI, and the model receives both earlier turns: the placeholder scheme loses nothing the agent needs.
/// </summary>
public sealed class FixtureResumeTests
{
    [Fact]
    public async Task Claude_resumes_a_materialized_fixture_session()
    {
        await using var h = await CompatHarness.StartAsync();
        var (home, session) = Materialize(h, "claude", "claude");
        var next = ResumeAssertions.Unique("third");
        var turn = h.Claude(home).Resume(session.DirectoryIn(home.Path), session.Id, next);
        Assert.Equal(session.Id, turn.SessionId);
        AssertCarriesHistory(h.StandIn.TurnRequest(ModelApi.AnthropicMessages, next, turn.Run.StdOut), session);
    }

    [Fact]
    public async Task Codex_resumes_a_materialized_fixture_session()
    {
        await using var h = await CompatHarness.StartAsync();
        var (home, session) = Materialize(h, "codex", "codex");
        var next = ResumeAssertions.Unique("third");
        var turn = h.Codex(home).Resume(session.DirectoryIn(home.Path), session.Id, next);
        Assert.Equal(session.Id, turn.SessionId);
        AssertCarriesHistory(h.StandIn.TurnRequest(ModelApi.OpenAiResponses, next, turn.Run.StdOut), session);
    }

    [Fact]
    public async Task Opencode_resumes_a_materialized_fixture_session()
    {
        await using var h = await CompatHarness.StartAsync();
        var (home, session) = Materialize(h, "opencode", "opencode");
        var next = ResumeAssertions.Unique("third");
        var turn = h.Opencode(home).Resume(session.DirectoryIn(home.Path), session.Id, next);
        Assert.Equal(session.Id, turn.SessionId);
        AssertCarriesHistory(h.StandIn.TurnRequest(ModelApi.OpenAiChatCompletions, next, turn.Run.StdOut), session);
    }

    private static (AgentHome Home, ExpectedSession Session) Materialize(CompatHarness h, string provider, string cli)
    {
        var folder = FixtureMaterializer.Folder(provider, AgentClis.PinnedVersions[cli]);
        var home = h.NewHome();
        FixtureMaterializer.Materialize(folder, home.Path);
        return (home, ExpectedFixtures.Read(folder).Sessions.Single(s => s.Workspace == "unicode"));
    }

    private static void AssertCarriesHistory(RecordedRequest request, ExpectedSession session)
    {
        foreach (var prompt in session.Prompts)
            Assert.True(request.Mentions(prompt), $"the resumed request lacks the fixture's prompt '{prompt}'");
        Assert.True(request.MessageCount > session.MessageCount,
            $"the resumed request sent {request.MessageCount} messages; the fixture session has {session.MessageCount}");
        Console.WriteLine($"fixture {session.Id} resumed: stand-in saw {request.MessageCount} messages");
    }
}
