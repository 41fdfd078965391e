using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;

namespace SameSession.Tests.Compat;

/// <summary>
/// Rebind plans applied by the journal to sessions the real CLIs wrote: rediscovery finds them at the destination.
/// For opencode the destination project id is the one opencode itself computed for the fixture's git repo.
/// </summary>
public sealed class RebindFixtureTests
{
    [Fact]
    public void A_global_session_rebound_into_the_repo_joins_the_project_opencode_made_for_it()
    {
        using var home = new AgentHome();
        var folder = FixtureMaterializer.Folder("opencode", AgentClis.PinnedVersions["opencode"]);
        var workspace = FixtureMaterializer.Materialize(folder, home.Path);
        var expected = ExpectedFixtures.Read(folder);
        var unicodeId = expected.Sessions.Single(s => s.Workspace == "unicode").Id;
        var session = Discover(new OpenCodeProvider(), home).Single(s => s.Id == unicodeId);

        var plan = Plan(new OpenCodeRebinder(), session, PathMap.Of(workspace.Unicode, workspace.Repo));
        Apply(home, plan);

        var moved = Discover(new OpenCodeProvider(), home).Single(s => s.Id == unicodeId);
        Assert.Equal(workspace.Repo, moved.Directory);
        Assert.Equal(workspace.Repo, moved.ProjectRoot);
        Assert.False(moved.IsOrphaned);
        Assert.Equal(4, moved.MessageCount);
        Assert.DoesNotContain("INSERT", string.Join(" ", plan.Steps.SelectMany(s => s.Statements ?? []).Select(s => s.Sql)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected.RepoRootCommit, plan.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acpx")]
    [InlineData("gemini")]
    public void A_real_session_rebound_to_a_new_directory_is_found_there(string provider)
    {
        using var home = new AgentHome();
        var folder = FixtureMaterializer.Folder(provider, AgentClis.PinnedVersions[provider]);
        var workspace = FixtureMaterializer.Materialize(folder, home.Path);
        var expected = ExpectedFixtures.Read(folder).Sessions.Single(s => s.Workspace == "plain");
        IAgentProvider agent = provider == "acpx" ? new AcpxProvider() : new GeminiProvider();
        var destination = Directory.CreateDirectory(home.Combine("elsewhere", "plain moved")).FullName;
        var session = Discover(agent, home).Single(s => s.Id == expected.Id);
        var map = PathMap.Of(workspace.Plain, destination);

        Apply(home, provider == "acpx" ? Plan(new AcpxRebinder(), session, map) : Plan(new GeminiRebinder(), session, map));

        var moved = Discover(agent, home).Single(s => s.Id == expected.Id);
        Assert.Equal(destination, moved.Directory);
        Assert.Equal(expected.MessageCount, moved.MessageCount);
        Assert.Equal(expected.Title, moved.Title);
        Assert.Equal(4, Discover(agent, home).Count);
    }

    private static ChangeSet Plan(IRebinder rebinder, AgentSession session, PathMap map) =>
        rebinder.Plan(session, new RebindRequest(map, new AgentEnvironment(session.Home ?? Path.GetTempPath()))).Changes;

    private static void Apply(AgentHome home, ChangeSet plan) =>
        Assert.True(new JournalTransaction(new JournalStore(home.Combine("journal"))).Apply(plan));

    private static List<AgentSession> Discover(IAgentProvider provider, AgentHome home)
    {
        var observer = new RecordingObserver();
        var found = provider.Discover(new DiscoveryContext(new AgentEnvironment(home.Path), observer)).ToList();
        Assert.Empty(observer.Warnings);
        return found;
    }
}
