using System.Text.Json.Nodes;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Relocation;

namespace SameSession.Tests.Unit.Porting;

/// <summary>Gemini finds a chat only in the project folder of the directory it runs in: an import must create that folder's registry entry and marker.</summary>
public sealed class GeminiPorterTests : IDisposable
{
    private readonly TempDir _tmp = new("gemport");
    private readonly X25519Identity _bob = X25519Identity.Generate();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Alice's fixture session of ~/work/plain exported to bob, whose home has the same Gemini store.</summary>
    private (AgentEnvironment Bob, AgentSession Session, string Capsule) AlicesPlainSessionForBob()
    {
        var alice = RealFixtures.Materialize("gemini", "0.61.0", _tmp.Combine("alice"));
        var bob = RealFixtures.Materialize("gemini", "0.61.0", _tmp.Combine("bob"));
        var session = RealFixtures.Discover(alice, AgentProvider.Gemini).Single(s => s.Directory == Path.Combine(alice.Home, "work", "plain"));
        var capsule = _tmp.Combine("g.capsule");
        new ExportOperation(Porters.For(AgentProvider.Gemini), alice, new RecordingObserver(), "0.1.0")
            .Run(new ExportRequest(session, capsule, [_bob.Recipient], SecretPolicy.Block));
        return (bob, session, capsule);
    }

    [Fact]
    public void Import_into_an_unknown_directory_registers_it_and_keeps_the_other_registry_entries()
    {
        var (bob, session, capsule) = AlicesPlainSessionForBob();
        var registry = Path.Combine(bob.Home, ".gemini", "projects.json");
        var entriesBefore = JsonNode.Parse(File.ReadAllText(registry))!["projects"]!.AsObject().Select(p => p.Key).ToList();
        var destination = Path.Combine(bob.Home, "elsewhere", "My Plain");
        Directory.CreateDirectory(destination);

        var imported = new ImportOperation(Porters.Installers, bob, new RecordingObserver())
            .Run(new ImportRequest(capsule, [_bob], Destination: destination))!;

        Assert.True(imported.Changed);
        var projects = JsonNode.Parse(File.ReadAllText(registry))!["projects"]!.AsObject();
        Assert.Equal("my-plain", projects[destination]!.GetValue<string>());
        Assert.All(entriesBefore, k => Assert.True(projects.ContainsKey(k), k));
        Assert.Equal(destination, File.ReadAllText(Path.Combine(bob.Home, ".gemini", "tmp", "my-plain", ".project_root")));
        var found = RealFixtures.Discover(bob, AgentProvider.Gemini).Single(s => s.Id == session.Id);
        Assert.Equal(destination, found.Directory);
        Assert.Equal(session.MessageCount, found.MessageCount);
        Assert.All(found.Files, f => Assert.StartsWith(Path.Combine(bob.Home, ".gemini", "tmp", "my-plain"), f, StringComparison.Ordinal));
    }

    [Fact]
    public void Reimport_into_another_directory_replaces_the_copy_left_in_the_first_one()
    {
        var (bob, session, capsule) = AlicesPlainSessionForBob();
        string first = Path.Combine(bob.Home, "one"), second = Path.Combine(bob.Home, "two");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        var import = new ImportOperation(Porters.Installers, bob, new RecordingObserver());
        import.Run(new ImportRequest(capsule, [_bob], Destination: first));

        var again = import.Run(new ImportRequest(capsule, [_bob], Destination: second, Force: true))!;

        Assert.True(again.Changed);
        Assert.Equal(second, Assert.Single(RealFixtures.Discover(bob, AgentProvider.Gemini), s => s.Id == session.Id).Directory);
    }
}
