using Microsoft.Data.Sqlite;
using SameSession.Core.Errors;
using SameSession.Core.Relocation.Journal;

namespace SameSession.Tests.Unit.Relocation.Journal;

public class JournalTransactionTests
{
    /// <summary>A small world: two files, a folder, and a SQLite table; the change touches all of them.</summary>
    private static void Seed(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "data", "sub"));
        File.WriteAllText(Path.Combine(root, "data", "a.jsonl"), "{\"cwd\":\"/old\"}\n");
        File.WriteAllText(Path.Combine(root, "data", "b.txt"), "delete me");
        File.WriteAllText(Path.Combine(root, "data", "sub", "x.txt"), "move me");
        using var c = new SqliteConnection($"Data Source={Path.Combine(root, "state.sqlite")};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE threads(id TEXT PRIMARY KEY, cwd TEXT); INSERT INTO threads VALUES('t1','/old'),('t2','/other');";
        cmd.ExecuteNonQuery();
    }

    private static ChangeSet Changes(string root)
    {
        var db = Path.Combine(root, "state.sqlite");
        var p = new Dictionary<string, object?> { ["$id"] = "t1", ["$cwd"] = "/new" };
        return new ChangeSet("move t1")
            .CreateDirectory(Path.Combine(root, "moved"))
            .CreateDirectory(Path.Combine(root, "moved", "deeper"))
            .WriteFile(Path.Combine(root, "data", "a.jsonl"), s => s.Write("{\"cwd\":\"/new\"}\n"u8))
            .WriteFile(Path.Combine(root, "moved", "deeper", "c.jsonl"), s => s.Write("{\"new\":true}\n"u8))
            .Move(Path.Combine(root, "data", "sub", "x.txt"), Path.Combine(root, "moved", "x.txt"))
            .Delete(Path.Combine(root, "data", "b.txt"))
            .RemoveDirectoryIfEmpty(Path.Combine(root, "data", "sub"))
            .Sql(db, [new SqlStatement("UPDATE threads SET cwd=$cwd WHERE id=$id", p)],
                new SqlProbe("SELECT count(*) FROM threads WHERE id=$id AND cwd=$cwd", p, 1));
    }

    private sealed record World(string Old, string New, int Actions, int CommitIndex);

    private static World References(TempDir tmp)
    {
        var root = tmp.Combine("reference");
        Seed(root);
        var db = Path.Combine(root, "state.sqlite");
        var old = TreeSnapshot.Take(root, db);
        var counter = new CrashAt(-1);
        new JournalTransaction(new JournalStore(tmp.Combine("ref-journal")), counter).Apply(Changes(root));
        return new World(old, TreeSnapshot.Take(root, db), counter.Seen.Count, counter.Seen.IndexOf("mark committed"));
    }

    [Fact]
    public void Applies_every_change_and_leaves_no_journal_or_backup()
    {
        using var tmp = new TempDir("jt");
        var w = References(tmp);
        Assert.NotEqual(w.Old, w.New);
        Assert.Contains("file moved/x.txt", w.New, StringComparison.Ordinal);
        Assert.DoesNotContain("b.txt", w.New, StringComparison.Ordinal);
        Assert.DoesNotContain("data/sub", w.New, StringComparison.Ordinal);
        Assert.DoesNotContain(".ss-", w.New, StringComparison.Ordinal);
        Assert.Contains("threads: | t1 | /new", w.New, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Combine("ref-journal")));
    }

    [Fact]
    public void A_crash_before_any_action_then_recovery_leaves_either_the_old_or_the_new_world()
    {
        using var tmp = new TempDir("jc");
        var w = References(tmp);
        Assert.True(w.Actions > 12, $"only {w.Actions} actions");
        var outcomes = new List<string>();
        for (var i = 0; i < w.Actions; i++)
        {
            var root = tmp.Combine($"run{i}");
            Seed(root);
            var store = new JournalStore(tmp.Combine($"journal{i}"));
            Assert.Throws<SimulatedCrashException>(() => new JournalTransaction(store, new CrashAt(i)).Apply(Changes(root)));
            JournalRecovery.RecoverAll(store);
            JournalRecovery.RecoverAll(store); // idempotent
            var after = TreeSnapshot.Take(root, Path.Combine(root, "state.sqlite"));
            Assert.True(after == w.Old || after == w.New, $"crash before action {i} left a mixed state:\n{after}");
            Assert.Empty(store.PendingIds());
            outcomes.Add(after == w.New ? "new" : "old");
        }
        Assert.Contains("old", outcomes);
        Assert.Contains("new", outcomes);
    }

    [Fact]
    public void A_crash_during_recovery_is_recovered_by_the_next_recovery()
    {
        using var tmp = new TempDir("jr");
        var w = References(tmp);
        for (var i = 0; i < w.Actions; i += 3)
        {
            var root = tmp.Combine($"run{i}");
            Seed(root);
            var store = new JournalStore(tmp.Combine($"journal{i}"));
            Assert.Throws<SimulatedCrashException>(() => new JournalTransaction(store, new CrashAt(i)).Apply(Changes(root)));
            // Replay a half-done rollback or roll-forward: run the actions again from scratch with a second crash.
            Assert.Throws<SimulatedCrashException>(() => new JournalTransaction(new JournalStore(tmp.Combine($"j2-{i}")), new CrashAt(0)).Apply(new ChangeSet("noop").CreateDirectory(tmp.Combine($"noop{i}"))));
            JournalRecovery.RecoverAll(store);
            var after = TreeSnapshot.Take(root, Path.Combine(root, "state.sqlite"));
            Assert.True(after == w.Old || after == w.New, $"action {i}:\n{after}");
        }
    }

    [Fact]
    public void An_ordinary_failure_is_rolled_back_at_once()
    {
        using var tmp = new TempDir("jf");
        var w = References(tmp);
        var failures = 0;
        for (var i = 0; i < w.Actions; i++)
        {
            var root = tmp.Combine($"run{i}");
            Seed(root);
            var store = new JournalStore(tmp.Combine($"journal{i}"));
            try
            {
                var clean = new JournalTransaction(store, new CrashAt(i, asCrash: false)).Apply(Changes(root));
                Assert.False(clean);
                Assert.True(i > w.CommitIndex, $"a failure before action {i} went unreported");
                Assert.Single(store.PendingIds());
            }
            catch (SameSessionException ex)
            {
                failures++;
                // Past the SQLite commit the change can only go forward: it is reported as interrupted, finished by recovery.
                Assert.Equal(i < w.CommitIndex ? ErrorIds.IoFailed : ErrorIds.InterruptedOperation, ex.Error);
                if (i < w.CommitIndex) Assert.Equal(w.Old, TreeSnapshot.Take(root, Path.Combine(root, "state.sqlite")));
            }
            JournalRecovery.RecoverAll(store);
            var after = TreeSnapshot.Take(root, Path.Combine(root, "state.sqlite"));
            Assert.True(after == w.Old || after == w.New, $"failure before action {i}:\n{after}");
        }
        Assert.Equal(w.CommitIndex + 1, failures);
    }

    [Fact]
    public void Recovery_leaves_a_journal_alone_while_its_owner_holds_the_lock()
    {
        using var tmp = new TempDir("jl");
        var root = tmp.Combine("w");
        Seed(root);
        var store = new JournalStore(tmp.Combine("journal"));
        var recovered = -1;
        var injector = new CallbackInjector(i => { if (i == 5) recovered = JournalRecovery.RecoverAll(store).Count; });
        new JournalTransaction(store, injector).Apply(Changes(root));
        Assert.Equal(0, recovered);
        Assert.Contains("t1 | /new", TreeSnapshot.DumpRows(Path.Combine(root, "state.sqlite")), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_move_onto_an_existing_path()
    {
        using var tmp = new TempDir("jd");
        File.WriteAllText(tmp.Combine("a"), "a");
        File.WriteAllText(tmp.Combine("b"), "b");
        var ex = Assert.Throws<SameSessionException>(() => new JournalTransaction(new JournalStore(tmp.Combine("j"))).Apply(new ChangeSet("m").Move(tmp.Combine("a"), tmp.Combine("b"))));
        Assert.Equal(ErrorIds.DestinationExists, ex.Error);
        Assert.Equal("a", File.ReadAllText(tmp.Combine("a")));
    }

    private sealed class CallbackInjector(Action<int> callback) : IFailureInjector
    {
        public void BeforeStep(int index, string action) => callback(index);
    }
}
