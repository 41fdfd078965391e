using SameSession.Core.Operations;

namespace SameSession.Core.Relocation.Journal;

/// <summary>What recovery did with one interrupted transaction.</summary>
public sealed record RecoveredTransaction(string Id, string Description, bool RolledForward);

/// <summary>
/// Finishes or undoes transactions a crash interrupted. Run at the start of every mutating command. A transaction
/// is rolled forward when its journal says Committed or when any of its SQLite steps is visibly committed (the point
/// of no return); otherwise it is rolled back. Both directions are idempotent, so a crash during recovery is fine.
/// Journals whose lock is held belong to a running samesession and are left alone.
/// </summary>
public static class JournalRecovery
{
    public static IReadOnlyList<RecoveredTransaction> RecoverAll(JournalStore store, IOperationObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var done = new List<RecoveredTransaction>();
        foreach (var id in store.PendingIds())
        {
            using var held = store.TryLock(id);
            if (held is null) continue; // a live transaction
            var record = store.Load(id);
            if (record is null) { store.Remove(id, held); continue; }
            var forward = record.State == JournalState.Committed
                || (record.State == JournalState.Prepared && record.Steps.Any(s => s.Kind == StepKind.Sql && StepActions.ProbeSatisfied(s)));
            if (forward)
            {
                var touched = new HashSet<string>(StringComparer.Ordinal);
                foreach (var s in record.Steps.Where(s => s.Kind is StepKind.CreateDirectory or StepKind.WriteFile or StepKind.Move or StepKind.Delete))
                    StepActions.Forward(s, Direct, touched);
                StepActions.SyncAll(touched);
                foreach (var s in record.Steps.Where(s => s.Kind == StepKind.Sql))
                    StepActions.Forward(s, Direct, touched);
                record.State = JournalState.Committed;
                store.Save(record);
                Finish(record, Direct);
            }
            else RollBack(record, Direct);
            store.Remove(id, held);
            observer?.Warning($"Recovered an interrupted change ({record.Description}): {(forward ? "finished it" : "undid it")}.");
            done.Add(new RecoveredTransaction(id, record.Description, forward));
        }
        return done;
    }

    internal static void RollBack(JournalRecord record, StepActions.Checkpoint at)
    {
        for (var i = record.Steps.Count - 1; i >= 0; i--) StepActions.Backward(record.Steps[i], at);
    }

    internal static void Finish(JournalRecord record, StepActions.Checkpoint at)
    {
        foreach (var s in record.Steps) StepActions.CleanUp(s, at);
    }

    private static void Direct(string action, Action act) => act();
}
