using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation.Journal;

namespace SameSession.Tests.Unit.Relocation.Crash;

/// <summary>A real move crashes before each of its actions in turn; recovery must leave the session fully old or fully new.</summary>
public sealed class InjectedCrashTests : IDisposable
{
    private readonly TempDir _tmp = new("icr");

    public void Dispose() => _tmp.Dispose();

    private int CrashEverywhere(CrashWorld world)
    {
        var (old, @new, actions) = world.References(_tmp.Combine("ref-journal"));
        Assert.NotEqual(old, @new);
        var sawOld = false;
        var sawNew = false;
        for (var i = 0; i < actions; i++)
        {
            var env = world.Reset();
            var store = new JournalStore(_tmp.Combine($"journal-{world.Provider}-{i}"));
            var session = world.Session(env);
            Assert.Throws<SimulatedCrashException>(() => new MoveOperation(env, new RecordingObserver(), store, new CrashAt(i)).Run(world.Request(session)));
            // The next mutating command recovers first.
            new MoveOperation(env, new RecordingObserver(), store).Run(new MoveRequest { Sessions = [], Destination = world.Destination });
            var after = world.Snapshot();
            Assert.True(after == old || after == @new, $"{world.Provider}: crash before action {i} left a mixed state:\n{after}");
            Assert.Empty(store.PendingIds());
            sawOld |= after == old;
            sawNew |= after == @new;
        }
        Assert.True(sawOld && sawNew);
        return actions;
    }

    [Fact]
    public void Claude_move_survives_a_crash_before_every_action() =>
        Assert.True(CrashEverywhere(CrashWorld.Claude(_tmp.Combine("home"))) >= 60);

    [Fact]
    public void Codex_move_survives_a_crash_before_every_action() =>
        Assert.True(CrashEverywhere(CrashWorld.Codex(_tmp.Combine("home"))) >= 5);
}
