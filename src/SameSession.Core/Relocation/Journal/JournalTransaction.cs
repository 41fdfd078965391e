namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// Applies one <see cref="ChangeSet"/> all-or-nothing across crashes: a <see cref="GroupCommit"/> of one (see there
/// for the steps). A failure before the point of no return is rolled back here; a crash is finished or undone by
/// <see cref="JournalRecovery"/>.
/// </summary>
public sealed class JournalTransaction
{
    private readonly JournalStore _store;
    private readonly IFailureInjector? _injector;

    public JournalTransaction(JournalStore store, IFailureInjector? injector = null)
    {
        _store = store;
        _injector = injector;
    }

    /// <summary>Applies the changes; returns false when they committed but clean-up is left for the next recovery.</summary>
    public bool Apply(ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var outcome = new GroupCommit(_store, _injector).Apply([changes])[0];
        if (outcome.Error is not null) throw outcome.Error;
        return outcome.CleanedUp;
    }
}
