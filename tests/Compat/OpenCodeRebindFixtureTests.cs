using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;

namespace SameSession.Tests.Compat;

/// <summary>Rebinding a real opencode 1.18.33 session into the fixture's git repo resolves the same project id opencode computed.</summary>
public sealed class OpenCodeRebindFixtureTests
{
    [Fact]
    public void A_global_session_rebound_into_the_repo_joins_the_project_opencode_made_for_it()
    {
        using var home = new AgentHome();
        var folder = FixtureMaterializer.Folder("opencode", AgentClis.PinnedVersions["opencode"]);
        var workspace = FixtureMaterializer.Materialize(folder, home.Path);
        var expected = ExpectedFixtures.Read(folder);
        var unicodeId = expected.Sessions.Single(s => s.Workspace == "unicode").Id;
        var session = Discover(home).Single(s => s.Id == unicodeId);

        var plan = OpenCodeRebind.Plan(session, PathMap.Of(workspace.Unicode, workspace.Repo));
        Assert.True(new JournalTransaction(new JournalStore(home.Combine("journal"))).Apply(plan));

        var moved = Discover(home).Single(s => s.Id == unicodeId);
        Assert.Equal(workspace.Repo, moved.Directory);
        Assert.Equal(workspace.Repo, moved.ProjectRoot);
        Assert.False(moved.IsOrphaned);
        Assert.Equal(4, moved.MessageCount);
        Assert.DoesNotContain("INSERT", string.Join(" ", plan.Steps.SelectMany(s => s.Statements ?? []).Select(s => s.Sql)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected.RepoRootCommit, plan.Description, StringComparison.Ordinal);
    }

    private static List<AgentSession> Discover(AgentHome home) =>
        new OpenCodeProvider().Discover(new DiscoveryContext(new AgentEnvironment(home.Path), new RecordingObserver())).ToList();
}
