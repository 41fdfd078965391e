using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Sessions;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;

namespace SameSession.Tests.Compat;

/// <summary>Discovery reports what each real fixture's expected.json says: id, directory, title, message count, first prompt.</summary>
public sealed class DiscoveryFixtureTests
{
    public static TheoryData<string, string> ClaudeAndCodexFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "claude", "codex" })
        {
            var root = Path.Combine(FixtureMaterializer.FixturesRoot, provider);
            if (!Directory.Exists(root)) continue;
            foreach (var version in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(version, "expected.json"))) data.Add(provider, Path.GetFileName(version));
        }
        return data;
    }

    private static IAgentProvider ProviderFor(string name) => name switch
    {
        "claude" => new ClaudeCodeProvider(),
        "codex" => new CodexProvider(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ClaudeAndCodexFixtures))]
    public void Discovery_matches_expected_json(string provider, string version)
    {
        using var home = new AgentHome();
        var folder = FixtureMaterializer.Folder(provider, version);
        var workspace = FixtureMaterializer.Materialize(folder, home.Path);
        var expected = ExpectedFixtures.Read(folder);
        var observer = new RecordingObserver();

        var found = new SessionCatalog(new AgentEnvironment(home.Path), [ProviderFor(provider)]).Find(SessionQuery.All, observer)
            .ToDictionary(s => s.Id);

        Assert.Empty(observer.Warnings);
        Assert.Equal(expected.Sessions.Select(s => s.Id).Order(), found.Keys.Order());
        foreach (var e in expected.Sessions)
        {
            var s = found[e.Id];
            Assert.Equal(e.DirectoryIn(home.Path), s.Directory);
            Assert.Equal(e.Title, s.Title);
            Assert.Equal(e.MessageCount, s.MessageCount);
            Assert.Equal(e.Prompts[0], s.FirstPrompt);
            Assert.False(s.IsOrphaned);
            Assert.False(s.IsLive);
            Assert.NotNull(s.Created);
            Assert.True(s.Updated >= s.Created);
            Assert.False(string.IsNullOrEmpty(s.ProviderVersion));
            Assert.True(s.SizeBytes > 0);
            Assert.Equal(e.Workspace.StartsWith("repo", StringComparison.Ordinal) ? workspace.Repo : null, s.ProjectRoot);
        }
    }

    [Theory]
    [MemberData(nameof(ClaudeAndCodexFixtures))]
    public void FromDir_and_Recurse_select_the_repo_sessions(string provider, string version)
    {
        using var home = new AgentHome();
        var workspace = FixtureMaterializer.Materialize(FixtureMaterializer.Folder(provider, version), home.Path);
        var catalog = new SessionCatalog(new AgentEnvironment(home.Path), [ProviderFor(provider)]);

        Assert.Single(catalog.Find(new SessionQuery { FromDirs = ["~/work/repo"] }, new RecordingObserver()));
        Assert.Equal(2, catalog.Find(new SessionQuery { FromDirs = ["work/repo"], Recurse = true, CurrentDirectory = home.Path }, new RecordingObserver()).Count);
        Assert.Equal(2, catalog.Find(new SessionQuery { FromProject = workspace.Repo }, new RecordingObserver()).Count);
        Assert.Equal(3, catalog.Find(new SessionQuery { FromDirs = ["~/work/*"] }, new RecordingObserver()).Count);
    }
}
