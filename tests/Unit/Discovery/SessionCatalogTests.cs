using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

public sealed class SessionCatalogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Home = "/home/me";
    private readonly AgentEnvironment _env = new(Home);
    private readonly RecordingObserver _observer = new();

    private sealed class FakeProvider(AgentProvider kind, string home, params AgentSession[] sessions) : IAgentProvider
    {
        public AgentProvider Kind => kind;
        public string ResolveHome(AgentEnvironment env) => home;
        public Func<IEnumerable<AgentSession>>? Throw { get; init; }
        public int Calls { get; private set; }

        public IEnumerable<AgentSession> Discover(DiscoveryContext context)
        {
            Calls++;
            return Throw?.Invoke() ?? sessions;
        }
    }

    private static AgentSession S(AgentProvider p, string id, string? dir, int hoursAfterT0, string? title = null, string? prompt = null,
        bool orphaned = false, bool live = false, bool archived = false, string? root = null, string? projectId = null) => new()
    {
        Provider = p, Id = id, Directory = dir, Updated = T0.AddHours(hoursAfterT0), Title = title, FirstPrompt = prompt,
        IsOrphaned = orphaned, IsLive = live, IsArchived = archived, ProjectRoot = root, ProjectId = projectId,
    };

    private readonly string _existingHome = Path.GetTempPath();

    private List<IAgentProvider> Providers() =>
    [
        new FakeProvider(AgentProvider.ClaudeCode, _existingHome,
            S(AgentProvider.ClaudeCode, "5f0c-aaaa", "/home/me/src/proj", 5, title: "Fix the Parser"),
            S(AgentProvider.ClaudeCode, "5f0d-bbbb", "/home/me/src/proj-old", 1, prompt: "refactor LOGGING", orphaned: true),
            S(AgentProvider.ClaudeCode, "77aa-cccc", "/home/me/src/proj/sub/deep", 3, root: "/home/me/src/proj")),
        new FakeProvider(AgentProvider.Codex, _existingHome,
            S(AgentProvider.Codex, "019f-dddd", "/home/me/src/other", 4, live: true),
            S(AgentProvider.Codex, "019f-eeee", "/home/me/src/proj", 2, archived: true),
            S(AgentProvider.Codex, "019f-ffff", null, 0, projectId: "abc123")),
    ];

    private List<string> Ids(SessionQuery q, PathRules? rules = null) =>
        new SessionCatalog(_env, Providers(), rules ?? PathRules.Unix).Find(q, _observer).Select(s => s.Id).ToList();

    [Fact]
    public void Merges_all_providers_sorted_newest_first_without_archived()
    {
        Assert.Equal(["5f0c-aaaa", "019f-dddd", "77aa-cccc", "5f0d-bbbb", "019f-ffff"], Ids(SessionQuery.All));
    }

    [Fact]
    public void Include_archived_adds_them()
    {
        Assert.Contains("019f-eeee", Ids(new SessionQuery { IncludeArchived = true }));
    }

    [Fact]
    public void Provider_filter_takes_several_and_skips_the_others()
    {
        var providers = Providers();
        var found = new SessionCatalog(_env, providers, PathRules.Unix).Find(new SessionQuery { Providers = [AgentProvider.Codex] }, _observer);
        Assert.All(found, s => Assert.Equal(AgentProvider.Codex, s.Provider));
        Assert.Equal(0, ((FakeProvider)providers[0]).Calls);
        Assert.Equal(5, Ids(new SessionQuery { Providers = [AgentProvider.Codex, AgentProvider.ClaudeCode] }).Count);
    }

    [Fact]
    public void Id_wildcards_are_case_insensitive_and_several_are_ored()
    {
        Assert.Equal(["5f0c-aaaa", "5f0d-bbbb"], Ids(new SessionQuery { Ids = ["5F0?-*"] }));
        Assert.Equal(["019f-dddd", "77aa-cccc"], Ids(new SessionQuery { Ids = ["77aa-cccc", "*-dddd"] }));
        Assert.Empty(Ids(new SessionQuery { Ids = ["5f0c"] }));
    }

    [Fact]
    public void FromDir_matches_exact_directories_with_wildcards_tilde_and_relative_paths()
    {
        Assert.Equal(["5f0c-aaaa"], Ids(new SessionQuery { FromDirs = ["~/src/proj"] }));
        Assert.Equal(["5f0c-aaaa", "5f0d-bbbb"], Ids(new SessionQuery { FromDirs = ["~/src/proj*"] }));
        Assert.Equal(["5f0c-aaaa"], Ids(new SessionQuery { FromDirs = ["proj/"], CurrentDirectory = "/home/me/src" }));
        Assert.Equal(["5f0c-aaaa", "019f-dddd"], Ids(new SessionQuery { FromDirs = ["../other", "./../proj"], CurrentDirectory = "/home/me/src/x" }));
        Assert.Empty(Ids(new SessionQuery { FromDirs = ["/home/me/SRC/proj"] }));
    }

    [Fact]
    public void Recurse_includes_subdirectories_but_a_wildcard_never_crosses_a_separator()
    {
        Assert.Equal(["5f0c-aaaa", "77aa-cccc"], Ids(new SessionQuery { FromDirs = ["~/src/proj"], Recurse = true }));
        Assert.DoesNotContain("77aa-cccc", Ids(new SessionQuery { FromDirs = ["~/src/proj*"] }));
        Assert.Equal(["5f0c-aaaa", "019f-dddd", "77aa-cccc", "5f0d-bbbb"], Ids(new SessionQuery { FromDirs = ["~/src"], Recurse = true }));
    }

    [Fact]
    public void Windows_rules_ignore_case_and_accept_both_separators()
    {
        var providers = new List<IAgentProvider>
        {
            new FakeProvider(AgentProvider.ClaudeCode, _existingHome,
                S(AgentProvider.ClaudeCode, "w1", @"C:\Users\Me\Src\Proj", 1),
                S(AgentProvider.ClaudeCode, "w2", @"C:\Users\Me\Src\Proj\Sub", 0)),
        };
        var catalog = new SessionCatalog(new AgentEnvironment(@"C:\Users\Me"), providers, PathRules.Windows);
        Assert.Equal(["w1"], catalog.Find(new SessionQuery { FromDirs = ["c:/users/me/src/PROJ"] }, _observer).Select(s => s.Id));
        Assert.Equal(["w1", "w2"], catalog.Find(new SessionQuery { FromDirs = [@"~\src\pro?"], Recurse = true }, _observer).Select(s => s.Id));
        Assert.Equal(["w1"], catalog.Find(new SessionQuery { FromDirs = [@"..\Proj"], CurrentDirectory = @"C:\Users\Me\Src\Other" }, _observer).Select(s => s.Id));
    }

    [Fact]
    public void FromProject_takes_a_root_path_or_a_project_id()
    {
        Assert.Equal(["5f0c-aaaa", "77aa-cccc"], Ids(new SessionQuery { FromProject = "~/src/proj" }));
        Assert.Equal(["019f-ffff"], Ids(new SessionQuery { FromProject = "abc123" }));
    }

    [Fact]
    public void Search_looks_in_title_and_first_prompt_ignoring_case()
    {
        Assert.Equal(["5f0c-aaaa"], Ids(new SessionQuery { Search = "parser" }));
        Assert.Equal(["5f0d-bbbb"], Ids(new SessionQuery { Search = "logging" }));
    }

    [Fact]
    public void Since_and_Before_filter_on_Updated()
    {
        Assert.Equal(["5f0c-aaaa", "019f-dddd", "77aa-cccc"], Ids(new SessionQuery { Since = T0.AddHours(3) }));
        Assert.Equal(["77aa-cccc", "5f0d-bbbb"], Ids(new SessionQuery { Since = T0.AddHours(1), Before = T0.AddHours(4) }));
        var ex = Assert.Throws<SameSessionException>(() => Ids(new SessionQuery { Since = T0, Before = T0 }));
        Assert.Equal(ErrorIds.InvalidArgument, ex.Error);
    }

    [Fact]
    public void Orphaned_Live_and_Latest()
    {
        Assert.Equal(["5f0d-bbbb"], Ids(new SessionQuery { Orphaned = true }));
        Assert.Equal(["019f-dddd"], Ids(new SessionQuery { Live = true }));
        Assert.Equal(["5f0c-aaaa", "019f-dddd"], Ids(new SessionQuery { Latest = 2 }));
        Assert.Equal(["77aa-cccc"], Ids(new SessionQuery { Latest = 1, Providers = [AgentProvider.ClaudeCode], FromDirs = ["~/src/proj/sub/*"] }));
        Assert.Throws<SameSessionException>(() => Ids(new SessionQuery { Latest = -1 }));
    }

    [Fact]
    public void A_failing_provider_is_a_warning_naming_its_home_and_the_rest_still_list()
    {
        var providers = Providers();
        providers.Add(new FakeProvider(AgentProvider.Gemini, _existingHome) { Throw = () => throw new IOException("disk on fire") });
        var found = new SessionCatalog(_env, providers, PathRules.Unix).Find(SessionQuery.All, _observer);
        Assert.Equal(5, found.Count);
        Assert.Contains(_observer.Warnings, w => w.StartsWith(_existingHome, StringComparison.Ordinal) && w.Contains("disk on fire", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_home_warns_only_when_that_provider_was_asked_for()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ss-no-such-home-" + Guid.NewGuid().ToString("N"));
        var providers = new List<IAgentProvider> { new FakeProvider(AgentProvider.Gemini, missing) };
        new SessionCatalog(_env, providers, PathRules.Unix).Find(SessionQuery.All, _observer);
        Assert.Empty(_observer.Warnings);
        new SessionCatalog(_env, providers, PathRules.Unix).Find(new SessionQuery { Providers = [AgentProvider.Gemini] }, _observer);
        Assert.Contains(_observer.Warnings, w => w.StartsWith(missing, StringComparison.Ordinal));
    }

    [Fact]
    public void Sessions_are_newest_first_then_by_provider_and_id_with_ties_and_missing_times_kept_stable()
    {
        // Many equal times (and sessions without one) across agents, so the tie-break decides most of the order.
        var random = new Random(7);
        AgentSession Make(AgentProvider p, int i) => new()
        {
            Provider = p,
            Id = $"id-{random.Next(40):D2}",
            Title = $"{p} {i}",
            Updated = random.Next(5) == 0 ? null : T0.AddMinutes(random.Next(6)).ToOffset(TimeSpan.FromHours(random.Next(3))),
        };
        var kinds = new[] { AgentProvider.Gemini, AgentProvider.ClaudeCode, AgentProvider.Codex };
        var providers = kinds.Select(k => (IAgentProvider)new FakeProvider(k, _existingHome, [.. Enumerable.Range(0, 300).Select(i => Make(k, i))])).ToList();
        var merged = kinds.Order().SelectMany(k => providers.Single(p => p.Kind == k).Discover(null!)).ToList();
        var expected = merged.Select((s, i) => (s, i))
            .OrderByDescending(x => (x.s.Updated ?? DateTimeOffset.MinValue).UtcTicks)
            .ThenBy(x => x.s.Provider).ThenBy(x => x.s.Id, StringComparer.Ordinal).ThenBy(x => x.i)
            .Select(x => x.s.Title).ToList();

        var found = new SessionCatalog(_env, providers, PathRules.Unix).Find(SessionQuery.All, _observer);

        Assert.Equal(expected, found.Select(s => s.Title).ToList());
        Assert.Equal(expected.Take(17), new SessionCatalog(_env, providers, PathRules.Unix).Find(new SessionQuery { Latest = 17 }, _observer).Select(s => s.Title));
    }
}

public sealed class PathRulesTests
{
    [Theory]
    [InlineData("/a/b/../c/./d/", "/a/c/d")]
    [InlineData("/", "/")]
    [InlineData("/..", "/")]
    [InlineData("//a//b", "/a/b")]
    public void Unix_normalizes(string input, string expected) => Assert.Equal(expected, PathRules.Unix.Normalize(input));

    [Theory]
    [InlineData(@"C:/Users\me/..\x\", @"C:\Users\x")]
    [InlineData(@"c:\", @"c:\")]
    [InlineData(@"\\server\share\a\..", @"\\server\share")]
    public void Windows_normalizes(string input, string expected) => Assert.Equal(expected, PathRules.Windows.Normalize(input));

    [Fact]
    public void Under_checks_whole_segments()
    {
        Assert.True(PathRules.Unix.IsSameOrUnder("/a/bc/d", "/a/bc"));
        Assert.False(PathRules.Unix.IsSameOrUnder("/a/bcd", "/a/bc"));
        Assert.True(PathRules.Unix.IsSameOrUnder("/x", "/"));
        Assert.True(PathRules.MacOS.IsSameOrUnder("/Users/Me/X", "/users/me"));
        Assert.False(PathRules.Unix.IsSameOrUnder("/Users/Me/X", "/users/me"));
    }

    [Fact]
    public void Ancestors_end_at_the_root()
    {
        Assert.Equal(["/a/b", "/a", "/"], PathRules.Unix.SelfAndAncestors("/a/b"));
        Assert.Equal([@"C:\a", @"C:\"], PathRules.Windows.SelfAndAncestors(@"C:\a"));
    }
}

public sealed class ProviderRegistryTests
{
    [Fact]
    public void Lists_every_provider_class_in_core_once_in_agent_order()
    {
        Assert.Equal(ImplementationScan.Of<IAgentProvider>(typeof(ProviderRegistry).Assembly), ImplementationScan.Sorted(ProviderRegistry.All));
        var kinds = ProviderRegistry.All.Select(p => p.Kind).ToList();
        Assert.Equal(Enum.GetValues<AgentProvider>(), kinds);
        Assert.IsType<SameSession.Core.Providers.ClaudeCode.ClaudeCodeProvider>(ProviderRegistry.Find(AgentProvider.ClaudeCode));
    }

    [Fact]
    public void Lists_every_rebinder_class_in_core_once_in_agent_order()
    {
        Assert.Equal(ImplementationScan.Of<IRebinder>(typeof(RebinderRegistry).Assembly), ImplementationScan.Sorted(RebinderRegistry.All));
        Assert.Equal(Enum.GetValues<AgentProvider>(), RebinderRegistry.All.Select(r => r.Kind));
    }
}
