using SameSession.Core.Crypto.Age;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Providers;
using SameSession.Core.Sessions;
using SameSession.Tests.Compat.Harness;
using static SameSession.Tests.Compat.ResumeAssertions;

namespace SameSession.Tests.Compat;

/// <summary>
/// Teammate hand-off with the REAL CLIs: alice makes a session in ~/src/api, exports it to bob's age recipient (bob's
/// identity file made by New-SameSessionIdentity), bob imports it with that identity into ~/work/api (another user
/// path and another project location), and bob's CLI resumes it there: the stand-in must receive alice's turn.
/// </summary>
public sealed class ExportImportResumeTests
{
    [Theory]
    [InlineData("claude")]
    [InlineData("codex")]
    [InlineData("opencode")]
    [InlineData("gemini")]
    public async Task Bob_resumes_alices_exported_session_in_his_own_directory(string agent)
    {
        await using var h = await CompatHarness.StartAsync();
        using var alice = h.NewHome();
        using var bob = h.NewHome();
        var aliceProject = alice.CreateDirectory("src", "api");
        var bobProject = bob.CreateDirectory("work", "api");
        string p1 = Unique("alice asks"), p2 = Unique("bob continues"), p3 = Unique("bob again");
        var bobEnv = new AgentEnvironment(bob.Path);
        // Bob already uses the agent: his store (and Codex's state database, opencode's db) exist before the import.
        h.Cli(agent, bob).NewSession(bob.CreateDirectory("own"), Unique("bob's own"));

        var first = h.Cli(agent, alice).NewSession(aliceProject, p1);
        var aliceEnv = new AgentEnvironment(alice.Path);
        var provider = Provider(agent);
        var session = ProviderRegistry.Find(provider)!.Discover(new DiscoveryContext(aliceEnv, new RecordingObserver())).Single(s => s.Id == first.SessionId);
        Assert.Equal(aliceProject, session.Directory);

        var bobKey = NewIdentityOperation.Run(bobEnv, null, new RecordingObserver())!;
        var capsule = Path.Combine(alice.Path, "handoff.capsule");
        new ExportOperation(Porters.For(provider), aliceEnv, new RecordingObserver(), "compat")
            .Run(new ExportRequest(session, capsule, [AgeKeys.ParseRecipient(bobKey.Recipient)], SecretPolicy.Block));
        var identities = AgeKeys.ParseIdentities(File.ReadAllText(IdentityFile.DefaultPath(bobEnv)));
        var imported = new ImportOperation(Porters.All, bobEnv, new RecordingObserver())
            .Run(new ImportRequest(capsule, identities, Destination: bobProject))!;
        Assert.True(imported.Changed);
        Assert.Equal(bobProject, imported.Cwd);

        var second = h.Cli(agent, bob).ResumeSession(bobProject, first.SessionId, p2);
        Assert.Equal(first.SessionId, second.SessionId);
        var (firstCount, resumedCount) = AssertResumed(h.StandIn, h.Cli(agent, bob).Api, p1, first, p2, second);
        Assert.True(resumedCount >= firstCount + 2, $"{agent}: {firstCount} then {resumedCount} messages");
        Console.WriteLine($"{agent} export/import: alice's first turn sent {firstCount} messages, bob's resumed turn {resumedCount}");

        // The agent's own directory-scoped lookup finds it in bob's directory.
        var listed = DirectoryScoped(h, agent, bob, bobProject, p3);
        Assert.Contains(first.SessionId, listed, StringComparison.Ordinal);
        Assert.Equal(bobProject, ProviderRegistry.Find(provider)!.Discover(new DiscoveryContext(bobEnv, new RecordingObserver())).Single(s => s.Id == first.SessionId).Directory);
    }

    private static AgentProvider Provider(string agent) => agent switch
    {
        "claude" => AgentProvider.ClaudeCode,
        "codex" => AgentProvider.Codex,
        "gemini" => AgentProvider.Gemini,
        _ => AgentProvider.OpenCode,
    };

    /// <summary>Claude: `-p --continue` (the cwd's project folder); Codex: `exec resume --last` (cwd-filtered); opencode: `session list`
    /// and Gemini: `--list-sessions` (project-scoped).</summary>
    private static string DirectoryScoped(CompatHarness h, string agent, AgentHome home, string cwd, string prompt) => agent switch
    {
        "claude" => h.Claude(home).Run(cwd, "-p", "--continue", prompt, "--output-format", "json").EnsureSuccess().StdOut,
        "codex" => string.Concat(h.Codex(home).Run(cwd, "exec", "--skip-git-repo-check", "resume", "--last", prompt).EnsureSuccess() is var r ? r.StdOut + r.StdErr : ""),
        "gemini" => string.Concat(h.Gemini(home).Run(cwd, "--list-sessions").EnsureSuccess() is var g ? g.StdOut + g.StdErr : ""),
        _ => h.Opencode(home).Run(cwd, "session", "list").EnsureSuccess().StdOut,
    };
}
