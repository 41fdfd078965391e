using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Sessions;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;

namespace SameSession.Tests.Compat;

/// <summary>
/// The opencode, acpx and Gemini providers find exactly the sessions the real CLIs wrote (every committed fixture
/// version of theirs), each with the directory, id, title, message count and first prompt expected.json gives.
/// </summary>
public sealed class ProviderFixtureTests
{
    private static readonly Dictionary<string, Func<IAgentProvider>> Providers = new(StringComparer.Ordinal)
    {
        ["opencode"] = () => new OpenCodeProvider(),
        ["acpx"] = () => new AcpxProvider(),
        ["gemini"] = () => new GeminiProvider(),
    };

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in Providers.Keys)
        {
            var dir = Path.Combine(FixtureMaterializer.FixturesRoot, provider);
            if (!Directory.Exists(dir)) continue;
            foreach (var version in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(version, "expected.json"))) data.Add(provider, Path.GetFileName(version));
        }
        return data;
    }

    [Fact]
    public void The_pinned_opencode_fixture_is_among_them() =>
        Assert.Contains(Fixtures(), row => (string)row[0] == "opencode" && (string)row[1] == AgentClis.PinnedVersions["opencode"]);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Provider_finds_exactly_the_fixture_sessions(string provider, string version)
    {
        using var home = new AgentHome();
        var folder = FixtureMaterializer.Folder(provider, version);
        FixtureMaterializer.Materialize(folder, home.Path);
        var expected = ExpectedFixtures.Read(folder);
        var observer = new RecordingObserver();

        var found = Providers[provider]().Discover(new DiscoveryContext(new AgentEnvironment(home.Path), observer)).ToList();

        Assert.Empty(observer.Warnings);
        Assert.Equal(expected.Sessions.Select(s => s.Id).Order(StringComparer.Ordinal), found.Select(s => s.Id).Order(StringComparer.Ordinal));
        foreach (var e in expected.Sessions)
        {
            var s = found.Single(f => f.Id == e.Id);
            Assert.Equal(e.DirectoryIn(home.Path), s.Directory);
            Assert.Equal(e.Title, s.Title);
            Assert.Equal(e.MessageCount, s.MessageCount);
            // opencode 1.18.33 stored the harness's prompt with the quotes it was passed in, so containment, not equality.
            Assert.Contains(e.Prompts[0], s.FirstPrompt, StringComparison.Ordinal);
            Assert.False(s.IsOrphaned, $"{s.Id}: {s.Note}");
            Assert.False(s.IsLive);
            Assert.NotEmpty(s.Files);
            Assert.All(s.Files, f => Assert.True(File.Exists(f), f));
        }
    }
}
