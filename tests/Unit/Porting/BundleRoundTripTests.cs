using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Import;
using SameSession.Core.Operations.Inspect;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Capsules;
using SameSession.Tests.Unit.Relocation;
using static SameSession.Tests.Unit.Porting.PortingRoundTripTests;

namespace SameSession.Tests.Unit.Porting;

/// <summary>
/// One bundle capsule holding the real Claude Code, Codex and opencode fixture sessions from alice's home, imported into
/// bob's: every member lands rebound; a tampered member is refused with CapsuleTampered while the others still go in.
/// </summary>
public sealed class BundleRoundTripTests : IDisposable
{
    private static readonly string[] Agents = ["claude", "codex", "opencode"];
    private readonly TempDir _tmp = new("bundle-port");
    private readonly X25519Identity _bob = X25519Identity.Generate();

    public void Dispose() => _tmp.Dispose();

    private string Alice => _tmp.Combine("alice");
    private string Bob => _tmp.Combine("bob");

    /// <summary>Alice's home with all three fixtures; bob's with the same stores but none of their sessions.</summary>
    private (AgentEnvironment A, AgentEnvironment B, List<AgentSession> Sessions) Homes()
    {
        foreach (var agent in Agents)
        {
            var (provider, version) = Fixture(agent);
            LoadOpenCodeDump(RealFixtures.Materialize(agent, version, Alice));
            LoadOpenCodeDump(RealFixtures.Materialize(agent, version, Bob));
            ClearSessions(Bob, provider);
        }
        Directory.Delete(Path.Combine(Bob, "work"), recursive: true);
        var a = new AgentEnvironment(Alice);
        var sessions = Agents.Select(agent => RealFixtures.Discover(a, Fixture(agent).Provider).Single(s => s.Directory == Path.Combine(Alice, "work", "plain"))).ToList();
        return (a, new AgentEnvironment(Bob), sessions);
    }

    private string ExportBundle(AgentEnvironment a, List<AgentSession> sessions)
    {
        var capsule = _tmp.Combine("team.capsule");
        var result = new ExportSessions(a, new RecordingObserver(), "0.1.0").RunBundle(sessions, new ExportOptions(capsule, [_bob.Recipient]))!;
        Assert.Equal(sessions.Select(s => s.Key), result.Members.Select(m => AgentSession.FormatKey(Enum.Parse<AgentProvider>(m.Provider.Name), m.Session.NativeId)));
        Assert.Equal(BundleManifest.FormatV1, result.Manifest.Format);
        return capsule;
    }

    private IReadOnlyList<ImportOutcome> Import(AgentEnvironment b, string capsule, RecordingObserver? observer = null) =>
        new ImportOperation(Porters.Installers, b, observer ?? new RecordingObserver()).RunAll(new ImportRequest(capsule, [_bob]));

    [Fact]
    public void A_bundle_of_three_agents_round_trips_into_bobs_home()
    {
        var (a, b, sessions) = Homes();
        var capsule = ExportBundle(a, sessions);

        var info = CapsuleInspection.Inspect(capsule, [_bob], verify: true);
        Assert.True(info.IsBundle);
        Assert.True(info.Verified);
        Assert.Equal(3, info.SessionCount);
        Assert.All(info.Members!, m => Assert.Equal(Path.Combine(Alice, "work", "plain"), m.SourceCwd));
        Assert.Equal(sessions.Select(s => s.Id), CapsuleInspection.Inspect(capsule, [_bob]).Members!.Select(m => m.SessionId));

        var outcomes = Import(b, capsule);
        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Succeeded && o.Result!.Changed, o.Error?.Message));
        foreach (var s in sessions)
        {
            var found = RealFixtures.Discover(b, s.Provider).Single(f => f.Id == s.Id);
            Assert.Equal(Path.Combine(Bob, "work", "plain"), found.Directory);
            Assert.Equal(s.MessageCount, found.MessageCount);
        }
        Assert.All(Import(b, capsule), o => Assert.False(o.Result!.Changed));
        var single = Assert.Throws<SameSessionException>(() => new ImportOperation(Porters.Installers, b, new RecordingObserver()).Run(new ImportRequest(capsule, [_bob])));
        Assert.Equal(ErrorIds.InvalidArgument, single.Error);
    }

    [Fact]
    public void A_tampered_member_is_refused_and_nothing_of_it_is_installed_while_the_others_go_in()
    {
        var (a, b, sessions) = Homes();
        var capsule = ExportBundle(a, sessions);
        var codex = sessions.Single(s => s.Provider == AgentProvider.Codex);
        var rollout = File.ReadAllBytes(codex.Files.First(f => f.EndsWith(".jsonl", StringComparison.Ordinal)));
        // Anyone holding bob's public key can re-encrypt a changed archive; the member hashes are what catch it.
        var tampered = _tmp.Combine("tampered.capsule");
        ReEncrypt(capsule, tampered, plain => BundleTestKit.Tamper(plain, rollout[..Math.Min(200, rollout.Length)]));
        var codexStore = TreeSnapshot.Take(Path.Combine(Bob, ".codex"), Path.Combine(Bob, ".codex", "state_5.sqlite"));

        var observer = new RecordingObserver();
        var outcomes = Import(b, tampered, observer);

        Assert.Equal(3, outcomes.Count);
        var refused = outcomes.Single(o => !o.Succeeded);
        Assert.Equal((nameof(AgentProvider.Codex), codex.Id), (refused.Provider, refused.Id));
        Assert.Equal(ErrorIds.CapsuleTampered.Name, refused.Error!.Id);
        Assert.Equal(codexStore, TreeSnapshot.Take(Path.Combine(Bob, ".codex"), Path.Combine(Bob, ".codex", "state_5.sqlite")));
        Assert.DoesNotContain(RealFixtures.Discover(b, AgentProvider.Codex), s => s.Id == codex.Id);
        Assert.Contains(observer.Warnings, w => w.Contains(codex.Id, StringComparison.Ordinal));
        foreach (var s in sessions.Where(s => s.Provider != AgentProvider.Codex))
            Assert.Equal(Path.Combine(Bob, "work", "plain"), RealFixtures.Discover(b, s.Provider).Single(f => f.Id == s.Id).Directory);
        Assert.False(CapsuleInspection.Inspect(tampered, [_bob], verify: true).Verified);
    }

    private void ReEncrypt(string from, string to, Func<byte[], byte[]> change)
    {
        var plain = new MemoryStream();
        using (var input = File.OpenRead(from))
        using (var decrypted = AgeEncryption.Decrypt(input, [_bob]))
            decrypted.CopyTo(plain);
        using var output = File.Create(to);
        using var encrypted = AgeEncryption.Encrypt(output, [_bob.Recipient], leaveOpen: true);
        encrypted.Write(change(plain.ToArray()));
    }
}
