using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SameSession.Core.Errors;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Relocation.Journal;

/// <summary>How one change set of a group ended: <see cref="Error"/> is null when it committed.</summary>
public sealed record GroupOutcome(Exception? Error, bool CleanedUp);

/// <summary>
/// Applies many independent change sets, each all-or-nothing with its own journal, sharing three durability barriers:
/// 1. every journal (Staging, not synced) and staged <c>.ss-new</c> file (not synced) → barrier: staged content and
///    Staging journals durable (a journal lost before it only leaves staged litter);
/// 2. journal Prepared (not synced), then backups, installs, moves, deletes → barrier. Prepared is written only after
///    the content it vouches for is durable; until the SQL below runs it still means "roll back";
/// 3. SQLite statements (each its own durable commit: the point of no return), journal Committed (not synced) →
///    barrier: the mark is durable only after the installs it claims;
/// 4. drop backups, delete journals (not synced: a journal that comes back is finished again, idempotently).
/// Change sets in one group must not write, move or delete the same path (<see cref="GroupClaims"/>), except shared
/// edits: the sets whose edits of a path are merged into one write are applied as one set (one journal, so they
/// commit or roll back together); if that fails before its point of no return, they are retried one by one.
/// </summary>
public sealed class GroupCommit
{
    private readonly JournalStore _store;
    private readonly IFailureInjector? _injector;
    private readonly DurabilityBarrier _barrier = new();
    private int _index;

    public GroupCommit(JournalStore store, IFailureInjector? injector = null)
    {
        _store = store;
        _injector = injector;
    }

    public IReadOnlyList<GroupOutcome> Apply(IReadOnlyList<ChangeSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var bundles = SharedEditBundles.Of(sets);
        var members = ApplyMembers(bundles.Select(b => b.Count == 1 ? sets[b[0]] : ChangeSet.Merged(b.Select(i => sets[i]).ToList())).ToList());
        var outcomes = new GroupOutcome[sets.Count];
        // Merged sets that failed and left nothing behind are retried one by one, so a bad session fails alone; but only
        // once their own journal is durably gone: one that came back later would be rolled back over the retried sessions.
        var retryable = RetryableAlone(members, bundles);
        for (var k = 0; k < bundles.Count; k++)
        {
            if (retryable[k])
                foreach (var i in bundles[k]) outcomes[i] = Outcome(ApplyMembers([sets[i]])[0]);
            else
                foreach (var i in bundles[k]) outcomes[i] = Outcome(members[k]);
        }
        return outcomes;
    }

    private static GroupOutcome Outcome(Member m) => new(m.Error, m.CleanedUp);

    private bool[] RetryableAlone(List<Member> members, List<List<int>> bundles)
    {
        var retryable = bundles.Select((b, k) => b.Count > 1 && members[k].Undone && members[k].JournalGone).ToArray();
        if (!retryable.Any(r => r)) return retryable;
        try
        {
            Durability.SyncDirectory(_store.Directory); // the removals of those journals survive a power loss
            return retryable;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new bool[bundles.Count];
        }
    }

    private List<Member> ApplyMembers(IReadOnlyList<ChangeSet> sets)
    {
        var members = sets.Select(Begin).ToList();
        try
        {
            StageAll(members);
            Barrier(members, "sync staged files");
            foreach (var m in Live(members)) Guard(m, () => Install(m));
            Barrier(members, "sync installs");
            foreach (var m in Live(members)) Guard(m, () => Commit(m));
            if (members.Any(m => m.Record is not null)) Barrier(members, "sync commit marks");
            FinishAll(members);
        }
        catch (SimulatedCrashException)
        {
            foreach (var m in members) m.Lock?.Dispose(); // as a killed process's locks are released
            throw; // a crash does no other clean-up: recovery must cope
        }
        return members;
    }

    private sealed class Member(ChangeSet changes)
    {
        public ChangeSet Changes { get; } = changes;
        public JournalRecord? Record { get; set; }
        public FileStream? Lock { get; set; }
        public Exception? Error { get; set; }
        public bool PastNoReturn { get; set; }
        public bool Marked { get; set; }
        public bool RolledBack { get; set; }
        /// <summary>Failed leaving nothing behind: never began, or rolled back completely.</summary>
        public bool Undone => Error is not null && (RolledBack || NeverBegan);
        public bool NeverBegan { get; set; }
        /// <summary>No journal of this member is left on disk (it never had one, or its removal after a rollback succeeded).</summary>
        public bool JournalGone => NeverBegan || RemovedAfterRollback;
        public bool RemovedAfterRollback { get; set; }
        public bool CleanedUp { get; set; }
        public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);
    }

    private static IEnumerable<Member> Live(List<Member> members) => members.Where(m => m.Record is not null && m.Error is null);

    private Member Begin(ChangeSet changes)
    {
        var m = new Member(changes);
        if (changes.IsEmpty) { m.CleanedUp = true; return m; }
        var record = new JournalRecord
        {
            Id = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}",
            Description = changes.Description,
            State = JournalState.Staging,
            Steps = changes.Steps.Select(s => s with { Existed = Exists(s) }).ToList(),
        };
        try
        {
            CheckPreconditions(record.Steps);
            m.Lock = _store.TryLock(record.Id) ?? throw new SameSessionException(ErrorIds.IoFailed, $"Cannot lock journal {record.Id}.", _store.Directory);
            m.Record = record;
        }
        catch (Exception ex) when (ex is SameSessionException or IOException or UnauthorizedAccessException)
        {
            m.Error = ex;
            m.NeverBegan = true;
        }
        return m;
    }

    /// <summary>
    /// Phase 1: journals and directories one member after another, then every staged file on all cores (the rewrite
    /// is the CPU-heavy part). A member whose file fails is rolled back; a simulated crash stops everything.
    /// </summary>
    private void StageAll(List<Member> members)
    {
        var files = new List<(Member Member, JournalStep Step)>();
        foreach (var m in Live(members))
            Guard(m, () =>
            {
                var record = m.Record!;
                At("write journal", () => SaveJournal(record));
                foreach (var s in record.Steps.Where(s => s.Kind == StepKind.CreateDirectory))
                    StepActions.Forward(s, At, m.Touched);
                Note(m);
                files.AddRange(record.Steps.Where(s => s.Kind == StepKind.WriteFile).Select(s => (m, s)));
            });
        var failed = OnAllCores(files, StageFile);
        foreach (var m in Live(members))
            if (failed.TryGetValue(m, out var ex)) Fail(m, ex);
    }

    /// <summary>
    /// After the commit marks are durable: drops the backups of every committed member on all cores (unlinking a large
    /// file waits on the filesystem's journal, so several at once overlap), then finishes each member in order.
    /// </summary>
    private void FinishAll(List<Member> members)
    {
        var committed = members.Where(m => m.Record is not null && !m.RolledBack);
        var drops = committed.SelectMany(m => m.Record!.Steps.Where(s => s.Kind is StepKind.WriteFile or StepKind.Delete).Select(s => (m, s))).ToList();
        var failed = OnAllCores(drops, s => StepActions.CleanUp(s, At));
        foreach (var m in members) Finish(m, failed.GetValueOrDefault(m));
    }

    /// <summary>Runs <paramref name="act"/> for every item on all cores; returns the first failure of each member's items.
    /// A simulated crash stops all workers and is rethrown once they have stopped.</summary>
    private static ConcurrentDictionary<Member, Exception> OnAllCores(List<(Member Member, JournalStep Step)> items, Action<JournalStep> act)
    {
        var failed = new ConcurrentDictionary<Member, Exception>();
        // A simulated crash propagates out of the loop, which then starts no further item: as a killed process would.
        ParallelWork.For(items.Count, i =>
        {
            var (member, step) = items[i];
            if (failed.ContainsKey(member)) return;
            try
            {
                act(step);
            }
            catch (Exception ex) when (ex is not SimulatedCrashException)
            {
                failed.TryAdd(member, ex);
            }
        }, MaxThreads);
        return failed;
    }

    private const int MaxThreads = 4;

    private void StageFile(JournalStep s)
    {
        var staged = s.Path + StepActions.NewSuffix;
        At($"stage {staged}", () =>
        {
            using (var fs = new FileStream(staged, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                s.Content!(fs);
                DurabilityBarrier.StartWriteBack(fs);
            }
            CopyMode(s.Path, staged);
        });
        lock (_barrier) _barrier.AddFile(staged);
    }

    private void Install(Member m)
    {
        var record = m.Record!;
        record.State = JournalState.Prepared;
        At("mark prepared", () => SaveJournal(record));
        foreach (var s in record.Steps.Where(s => s.Kind is StepKind.WriteFile or StepKind.Move or StepKind.Delete))
            StepActions.Forward(s, At, m.Touched);
        Note(m);
    }

    private void Commit(Member m)
    {
        var record = m.Record!;
        foreach (var s in record.Steps.Where(s => s.Kind == StepKind.Sql))
        {
            StepActions.Forward(s, At, m.Touched);
            m.PastNoReturn = true;
        }
        record.State = JournalState.Committed;
        m.PastNoReturn = true;
        At("mark committed", () => SaveJournal(record));
        m.Marked = true;
    }

    private void SaveJournal(JournalRecord record)
    {
        _store.Save(record, durable: false);
        _barrier.AddFile(_store.JournalPath(record.Id));
    }

    private void Note(Member m)
    {
        foreach (var d in m.Touched) _barrier.AddDirectory(d);
        m.Touched.Clear();
    }

    /// <summary>A failed barrier fails every member still in flight (each rolls back, or is left to recovery past its point of no return).</summary>
    private void Barrier(List<Member> members, string action)
    {
        try
        {
            At(action, _barrier.Flush);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var m in Live(members)) Fail(m, ex);
        }
    }

    private static void Guard(Member m, Action act)
    {
        try { act(); }
        catch (Exception ex) when (ex is not SimulatedCrashException)
        {
            Fail(m, ex);
        }
    }

    private static void Fail(Member m, Exception ex)
    {
        var description = m.Changes.Description;
        if (m.PastNoReturn)
        {
            // Marked committed in-process: only the barrier is missing; the journal stays for recovery to finish.
            m.Error = m.Marked ? null : new SameSessionException(ErrorIds.InterruptedOperation,
                $"{description} committed but could not finish ({ex.Message}); the next samesession command finishes it.", null, ex);
            m.Record = null;
            m.Lock?.Dispose();
            return;
        }
        try
        {
            JournalRecovery.RollBack(m.Record!, (_, act) => act());
            m.RolledBack = true;
            m.Error = ex is SameSessionException ? ex : new SameSessionException(ErrorIds.IoFailed, $"{description} failed and was undone: {ex.Message}", null, ex);
        }
        catch (Exception undo) when (undo is IOException or UnauthorizedAccessException or SameSessionException)
        {
            m.Error = new SameSessionException(ErrorIds.InterruptedOperation,
                $"{description} failed ({ex.Message}) and undoing it failed too ({undo.Message}); the next samesession command retries the undo.", null, ex);
            m.Record = null;
            m.Lock?.Dispose();
        }
    }

    private void Finish(Member m, Exception? dropFailed)
    {
        if (m.Record is null) return;
        try
        {
            if (dropFailed is not null) ExceptionDispatchInfo.Throw(dropFailed);
            if (m.RolledBack)
            {
                At("delete rolled-back journal", () => _store.Remove(m.Record.Id, m.Lock));
                m.RemovedAfterRollback = true;
            }
            else
            {
                JournalRecovery.Finish(m.Record, At);
                At("delete journal", () => _store.Remove(m.Record.Id, m.Lock));
                m.CleanedUp = true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            m.Lock?.Dispose(); // committed (or undone); the next recovery finishes the clean-up
        }
    }

    private void At(string action, Action act)
    {
        if (_injector is not null)
            lock (_injector) _injector.BeforeStep(_index++, action); // staging runs on several threads
        act();
    }

    private static bool Exists(JournalStep s) => s.Kind switch
    {
        StepKind.CreateDirectory => Directory.Exists(s.Path),
        StepKind.WriteFile => File.Exists(s.Path),
        _ => false,
    };

    private static void CheckPreconditions(List<JournalStep> steps)
    {
        foreach (var s in steps)
        {
            if (s.Kind == StepKind.Move && !StepActions.Exists(s.From!))
                throw new SameSessionException(ErrorIds.PathNotFound, $"Cannot move {s.From}: it does not exist.", s.From);
            if (s.Kind == StepKind.Move && StepActions.Exists(s.Path))
                throw new SameSessionException(ErrorIds.DestinationExists, $"Cannot move to {s.Path}: it already exists. Move or delete it first.", s.Path);
            if (s.Kind is StepKind.Delete && !StepActions.Exists(s.Path))
                throw new SameSessionException(ErrorIds.PathNotFound, $"Cannot delete {s.Path}: it does not exist.", s.Path);
            if (s.Kind is StepKind.WriteFile or StepKind.Delete && StepActions.Exists(s.Path + StepActions.OldSuffix))
                throw new SameSessionException(ErrorIds.InterruptedOperation, $"{s.Path}{StepActions.OldSuffix} exists from an earlier interrupted change; run any samesession command to recover it, or remove it.", s.Path);
            if (s.Kind == StepKind.Sql && !File.Exists(s.Path))
                throw new SameSessionException(ErrorIds.PathNotFound, $"Database {s.Path} does not exist.", s.Path);
        }
    }

    /// <summary>Keeps the replaced file's permissions (Claude writes transcripts 0600).</summary>
    private static void CopyMode(string original, string staged)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(original)) return;
        File.SetUnixFileMode(staged, File.GetUnixFileMode(original));
    }
}
