using System.Text.Json;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Porting.Acpx;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Sessions;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Agents;
using static SameSession.Tests.Compat.ResumeAssertions;

namespace SameSession.Tests.Compat;

/// <summary>
/// acpx's own session archive (`acpx &lt;agent&gt; sessions export|import`, format_version 1) against the REAL acpx 0.19.1
/// driving opencode: an archive real acpx wrote is installed by our importer in another home, and one our writer made is
/// accepted by real acpx's importer.
/// </summary>
public sealed class AcpxArchiveInteropTests
{
    /// <summary>Alice's acpx session in ~/src/api with one turn, its queue owner gone (export refuses while one holds the session).</summary>
    private static (string Project, string Prompt, AgentTurn First) AliceSession(CompatHarness h, AgentHome alice)
    {
        var project = alice.CreateDirectory("src", "api");
        var prompt = Unique("alice asks");
        var first = h.Acpx(alice).NewSession(project, prompt);
        AcpxCli.WaitForQueueOwners(alice.Path, TimeSpan.FromSeconds(60));
        return (project, prompt, first);
    }

    private static List<string> SessionKeys(string archive)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(archive));
        return [.. doc.RootElement.GetProperty("session").EnumerateObject().Select(p => p.Name)];
    }

    [Fact]
    public async Task Real_acpx_archive_is_installed_by_our_importer_in_another_home()
    {
        await using var h = await CompatHarness.StartAsync();
        using var alice = h.NewHome();
        using var bob = h.NewHome();
        var bobProject = bob.CreateDirectory("src", "api");
        var (aliceProject, p1, first) = AliceSession(h, alice);

        var archive = alice.Combine("handoff.json");
        h.Acpx(alice).Run(aliceProject, "opencode", "sessions", "export", "--output", archive).EnsureSuccess();

        var bobEnv = new AgentEnvironment(bob.Path);
        var imported = new ImportOperation(Porters.Installers, bobEnv, new RecordingObserver()).Run(new ImportRequest(archive, []))!;
        Assert.True(imported.Changed);
        Assert.Equal(bobProject, imported.Cwd);
        Assert.Equal(AgentProvider.Acpx, imported.Provider);
        Assert.NotEqual(first.SessionId, imported.Id); // a fresh record id, as acpx's own import makes
        var found = Assert.Single(new AcpxProvider().Discover(new DiscoveryContext(bobEnv, new RecordingObserver())));
        Assert.Equal(imported.Id, found.Id);
        Assert.Equal(bobProject, found.Directory);

        // Idempotent: the same archive again changes nothing.
        var again = new ImportOperation(Porters.Installers, bobEnv, new RecordingObserver()).Run(new ImportRequest(archive, []))!;
        Assert.False(again.Changed);
        Assert.Equal(imported.Id, again.Id);

        // `sessions list` asks the agent (opencode's session/list); --local lists acpx's own records.
        var listed = h.Acpx(bob).Run(bobProject, "opencode", "sessions", "list", "--local").EnsureSuccess();
        Console.WriteLine($"acpx sessions list --local in bob:\n{listed.StdOut}");
        Assert.Contains($"{imported.Id}\t-\t{bobProject}\t", listed.StdOut, StringComparison.Ordinal);
        var shown = h.Acpx(bob).Run(bobProject, "opencode", "sessions", "show").EnsureSuccess();
        Console.WriteLine($"acpx sessions show in bob:\n{shown.StdOut}");
        Assert.Contains($"id: {imported.Id}\n", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains($"cwd: {bobProject}\n", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains($"sessionId: {first.SessionId}\n", shown.StdOut, StringComparison.Ordinal);
        // acpx keeps the provider session id and asks opencode to resume it; bob's opencode store does not have it.
        var p2 = Unique("bob continues");
        var before = h.StandIn.Conversations(h.Acpx(bob).Api).Count;
        var prompt = h.Acpx(bob).Run(bobProject, "--approve-all", "--ttl", AcpxCli.QueueOwnerTtlSeconds, "--format", "quiet", "opencode", p2);
        Assert.Equal(1, prompt.ExitCode);
        Assert.Contains($"SESSION_RESUME_REQUIRED Persistent ACP session {first.SessionId} could not be resumed", prompt.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(h.StandIn.Conversations(h.Acpx(bob).Api).Skip(before), r => r.Mentions(p2));
        AcpxCli.WaitForQueueOwners(bob.Path, TimeSpan.FromSeconds(60));

        // With opencode's own session moved too (our capsule, into the same directory), acpx in bob continues it.
        var aliceEnv = new AgentEnvironment(alice.Path);
        var native = ProviderRegistry.Find(AgentProvider.OpenCode)!.Discover(new DiscoveryContext(aliceEnv, new RecordingObserver())).Single(s => s.Id == first.SessionId);
        var bobKey = NewIdentityOperation.Run(bobEnv, null, new RecordingObserver())!;
        var capsule = alice.Combine("native.capsule");
        new ExportOperation(Porters.For(AgentProvider.OpenCode), aliceEnv, new RecordingObserver(), "compat")
            .Run(new ExportRequest(native, capsule, [AgeKeys.ParseRecipient(bobKey.Recipient)], SecretPolicy.Block));
        var identities = AgeKeys.ParseIdentities(File.ReadAllText(IdentityFile.DefaultPath(bobEnv)));
        Assert.True(new ImportOperation(Porters.All, bobEnv, new RecordingObserver()).Run(new ImportRequest(capsule, identities, Destination: bobProject))!.Changed);
        var p3 = Unique("bob continues");
        var third = h.Acpx(bob).ResumeSession(bobProject, imported.Id, p3);
        var (firstCount, resumedCount) = AssertResumed(h.StandIn, h.Acpx(bob).Api, p1, first, p3, third);
        Console.WriteLine($"acpx archive + opencode capsule in bob: first turn {firstCount} messages, continued turn {resumedCount}");
        Assert.Equal(firstCount + 2, resumedCount);
    }

    [Fact]
    public async Task A_bundle_of_the_directory_carries_the_acpx_record_and_its_opencode_session_and_acpx_continues_at_bob()
    {
        await using var h = await CompatHarness.StartAsync();
        using var alice = h.NewHome();
        using var bob = h.NewHome();
        var bobProject = bob.CreateDirectory("work", "api");
        var (aliceProject, p1, first) = AliceSession(h, alice);
        var aliceEnv = new AgentEnvironment(alice.Path);
        var bobEnv = new AgentEnvironment(bob.Path);
        h.Opencode(bob).NewSession(bob.CreateDirectory("own"), Unique("bob's own")); // bob uses opencode already: its database exists

        // Everything recorded in alice's project: the acpx record and the opencode session acpx drives.
        var sessions = new SessionCatalog(aliceEnv).Find(new SessionQuery { FromDirs = [aliceProject] }, new RecordingObserver());
        Assert.Equal([AgentProvider.OpenCode, AgentProvider.Acpx], sessions.Select(s => s.Provider).Order());
        var bobKey = NewIdentityOperation.Run(bobEnv, null, new RecordingObserver())!;
        var bundle = alice.Combine("api.capsule");
        new BundleExportOperation(Porters.For, aliceEnv, new RecordingObserver(), "compat")
            .Run(sessions, new BundleExportRequest(bundle, [AgeKeys.ParseRecipient(bobKey.Recipient)], SecretPolicy.Block));
        var identities = AgeKeys.ParseIdentities(File.ReadAllText(IdentityFile.DefaultPath(bobEnv)));
        var outcomes = new ImportOperation(Porters.All, bobEnv, new RecordingObserver()).RunAll(new ImportRequest(bundle, identities, Destination: bobProject));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        Assert.Equal(2, outcomes.Count);

        var shown = h.Acpx(bob).Run(bobProject, "opencode", "sessions", "show").EnsureSuccess().StdOut;
        Assert.Contains($"id: {first.SessionId}\n", shown, StringComparison.Ordinal);
        Assert.Contains($"cwd: {bobProject}\n", shown, StringComparison.Ordinal);
        var p2 = Unique("bob continues");
        var continued = h.Acpx(bob).ResumeSession(bobProject, first.SessionId, p2);
        var (firstCount, continuedCount) = AssertResumed(h.StandIn, h.Acpx(bob).Api, p1, first, p2, continued);
        Console.WriteLine($"acpx + opencode bundle in bob: first turn {firstCount} messages, continued turn {continuedCount}");
        Assert.Equal(firstCount + 2, continuedCount);
    }

    [Fact]
    public async Task Our_acpx_archive_is_accepted_by_real_acpx_import()
    {
        await using var h = await CompatHarness.StartAsync();
        using var alice = h.NewHome();
        using var carol = h.NewHome();
        var carolProject = carol.CreateDirectory("src", "api");
        var (aliceProject, _, first) = AliceSession(h, alice);

        var aliceEnv = new AgentEnvironment(alice.Path);
        var session = new AcpxProvider().Discover(new DiscoveryContext(aliceEnv, new RecordingObserver())).Single(s => s.Id == first.SessionId);
        var archive = alice.Combine("ours.json");
        var exported = new ExportSessions(aliceEnv, new RecordingObserver(), "compat")
            .Run(session, new ExportOptions(archive, [], Format: ExportFormat.Acpx))!;
        Assert.Equal(archive, exported.Path);
        var theirs = alice.Combine("theirs.json");
        h.Acpx(alice).Run(aliceProject, "opencode", "sessions", "export", "--output", theirs).EnsureSuccess();
        // Same session keys as acpx 0.19.1 writes, except agent_name (the CLI alias, which a record does not hold).
        Assert.Equal(SessionKeys(theirs).Where(k => k != "agent_name"), SessionKeys(archive));

        var run = h.Acpx(carol).Run(carolProject, "opencode", "sessions", "import", archive);
        Console.WriteLine($"acpx sessions import: exit {run.ExitCode}\n{run.StdOut}\n{run.StdErr}");
        Assert.Equal(0, run.ExitCode);
        var agentSide = h.Acpx(carol).Run(carolProject, "opencode", "sessions", "list").EnsureSuccess();
        Assert.Equal("No sessions\n", agentSide.StdOut); // opencode's own store in carol's home has no session: the archive carries only acpx's side
        var listed = h.Acpx(carol).Run(carolProject, "opencode", "sessions", "list", "--local").EnsureSuccess();
        Console.WriteLine($"acpx sessions list --local in carol:\n{listed.StdOut}");
        var shown = h.Acpx(carol).Run(carolProject, "opencode", "sessions", "show").EnsureSuccess();
        Console.WriteLine($"acpx sessions show in carol:\n{shown.StdOut}");
        Assert.Contains($"cwd: {carolProject}\n", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains($"sessionId: {first.SessionId}\n", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains($"historyEntries: {session.MessageCount}\n", shown.StdOut, StringComparison.Ordinal);
        var carolEnv = new AgentEnvironment(carol.Path);
        var installed = Assert.Single(new AcpxProvider().Discover(new DiscoveryContext(carolEnv, new RecordingObserver())));
        Assert.Equal(carolProject, installed.Directory);
        Assert.Contains($"{installed.Id}\t-\t{carolProject}\t", listed.StdOut, StringComparison.Ordinal);
        Assert.Contains($"id: {installed.Id}\n", shown.StdOut, StringComparison.Ordinal);
        using var record = JsonDocument.Parse(File.ReadAllBytes(installed.Files[0]));
        Assert.Equal(first.SessionId, record.RootElement.GetProperty("imported_from").GetProperty("record_id").GetString());
    }
}
