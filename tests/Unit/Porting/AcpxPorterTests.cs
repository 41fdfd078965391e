using System.Text.Json.Nodes;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Relocation;

namespace SameSession.Tests.Unit.Porting;

/// <summary>acpx records in capsules: installed under the same id with the destination cwd and this home's stream path, all-or-nothing.</summary>
public sealed class AcpxPorterTests : IDisposable
{
    private readonly TempDir _tmp = new("acpxport");
    private readonly X25519Identity _bob = X25519Identity.Generate();

    public void Dispose() => _tmp.Dispose();

    private string Bob => _tmp.Combine("bob");

    /// <summary>Alice's fixture session of ~/work/plain exported to bob, whose home has no acpx sessions.</summary>
    private (AgentEnvironment Bob, AgentSession Session, string Capsule) AlicesPlainSessionForBob()
    {
        var alice = RealFixtures.Materialize("acpx", "0.19.1", _tmp.Combine("alice"));
        Directory.CreateDirectory(Bob);
        var session = RealFixtures.Discover(alice, AgentProvider.Acpx).Single(s => s.Directory == Path.Combine(alice.Home, "work", "plain"));
        var capsule = _tmp.Combine("a.capsule");
        new ExportOperation(Porters.For(AgentProvider.Acpx), alice, new RecordingObserver(), "0.1.0")
            .Run(new ExportRequest(session, capsule, [_bob.Recipient], SecretPolicy.Block));
        return (new AgentEnvironment(Bob), session, capsule);
    }

    private ImportResult? Import(AgentEnvironment env, string capsule, bool newId = false, IFailureInjector? crash = null) =>
        new ImportOperation(Porters.Installers, env, new RecordingObserver(), failureInjector: crash)
            .Run(new ImportRequest(capsule, [_bob], NewId: newId));

    [Fact]
    public void Imported_record_keeps_its_id_and_names_bobs_directory_and_stream()
    {
        var (bob, session, capsule) = AlicesPlainSessionForBob();

        var imported = Import(bob, capsule)!;

        Assert.True(imported.Changed);
        var found = RealFixtures.Discover(bob, AgentProvider.Acpx).Single();
        Assert.Equal(session.Id, found.Id);
        Assert.Equal(Path.Combine(Bob, "work", "plain"), found.Directory);
        Assert.Equal(session.MessageCount, found.MessageCount);
        Assert.Equal(session.Files.Select(Path.GetFileName), found.Files.Select(Path.GetFileName));
        var record = JsonNode.Parse(File.ReadAllText(found.Files[0]))!;
        Assert.Equal(Path.Combine(Bob, ".acpx", "sessions", Path.GetFileName(session.Files[1])), (string?)record["event_log"]!["active_path"]);
        Assert.Equal(File.ReadAllBytes(session.Files[1]), File.ReadAllBytes(found.Files[1]));
        Assert.False(Import(bob, capsule)!.Changed);
    }

    [Fact]
    public void NewId_is_refused_because_acpx_allows_one_record_per_agent_session()
    {
        var (bob, _, capsule) = AlicesPlainSessionForBob();

        var refused = Assert.Throws<SameSessionException>(() => Import(bob, capsule, newId: true));

        Assert.Equal(ErrorIds.UnsupportedFormat, refused.Error);
        Assert.False(Directory.Exists(Path.Combine(Bob, ".acpx", "sessions")));
    }

    [Fact]
    public void An_open_record_of_the_same_agent_in_the_destination_is_in_the_way()
    {
        var (bob, session, capsule) = AlicesPlainSessionForBob();
        var sessions = Directory.CreateDirectory(Path.Combine(Bob, ".acpx", "sessions")).FullName;
        var other = JsonNode.Parse(File.ReadAllText(session.Files[0]))!.AsObject();
        other["acpx_record_id"] = "ses_other";
        other["cwd"] = Path.Combine(Bob, "work", "plain");
        File.WriteAllText(Path.Combine(sessions, "ses_other.json"), other.ToJsonString());
        var before = TreeSnapshot.Take(Path.Combine(Bob, ".acpx"));

        var refused = Assert.Throws<SameSessionException>(() => Import(bob, capsule));

        Assert.Equal(ErrorIds.DestinationExists, refused.Error);
        Assert.Equal(before, TreeSnapshot.Take(Path.Combine(Bob, ".acpx")));
    }

    [Fact]
    public void A_crash_mid_install_is_undone_and_the_import_then_succeeds()
    {
        var (bob, session, capsule) = AlicesPlainSessionForBob();
        Directory.CreateDirectory(Path.Combine(Bob, ".acpx", "sessions"));
        var before = TreeSnapshot.Take(Path.Combine(Bob, ".acpx"));

        Assert.Throws<SimulatedCrashException>(() => Import(bob, capsule, crash: new CrashAt(3)));
        JournalRecovery.RecoverAll(JournalStore.For(bob));

        Assert.Equal(before, TreeSnapshot.Take(Path.Combine(Bob, ".acpx")));
        Assert.True(Import(bob, capsule)!.Changed);
        Assert.Equal(session.Id, RealFixtures.Discover(bob, AgentProvider.Acpx).Single().Id);
    }
}
