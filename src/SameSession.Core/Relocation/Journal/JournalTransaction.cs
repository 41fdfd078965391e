using SameSession.Core.Errors;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// Applies a <see cref="ChangeSet"/> all-or-nothing across crashes:
/// 1. journal (Staging) → create directories, stage every new file as <c>name.ss-new</c> + fsync;
/// 2. journal (Prepared) → install files (old ones kept as <c>name.ss-old</c>), moves, deletes;
/// 3. SQLite statements, each in its own transaction (the first commit is the point of no return);
/// 4. journal (Committed) → drop backups → delete the journal.
/// A failure before the point of no return rolls everything back here; a crash is finished or undone by
/// <see cref="JournalRecovery"/>.
/// </summary>
public sealed class JournalTransaction
{
    private readonly JournalStore _store;
    private readonly IFailureInjector? _injector;
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private int _index;

    public JournalTransaction(JournalStore store, IFailureInjector? injector = null)
    {
        _store = store;
        _injector = injector;
    }

    /// <summary>Applies the changes; returns false when they committed but clean-up is left for the next recovery.</summary>
    public bool Apply(ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty) return true;
        var record = new JournalRecord
        {
            Id = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}",
            Description = changes.Description,
            State = JournalState.Staging,
            Steps = changes.Steps.Select(s => s with { Existed = Exists(s) }).ToList(),
        };
        CheckPreconditions(record.Steps);
        using var held = _store.TryLock(record.Id) ?? throw new SameSessionException(ErrorIds.IoFailed, $"Cannot lock journal {record.Id}.", _store.Directory);
        var pastNoReturn = false;
        try
        {
            // Losing this first version to a power cut only leaves staged litter, so it is not synced.
            At("write journal", () => _store.Save(record, durable: false));
            Stage(record.Steps);
            record.State = JournalState.Prepared;
            At("mark prepared", () => _store.Save(record));

            foreach (var s in record.Steps.Where(s => s.Kind is StepKind.WriteFile or StepKind.Move or StepKind.Delete))
                StepActions.Forward(s, At, _touched);
            StepActions.SyncAll(_touched);
            foreach (var s in record.Steps.Where(s => s.Kind == StepKind.Sql))
            {
                StepActions.Forward(s, At, _touched);
                pastNoReturn = true;
            }
            record.State = JournalState.Committed;
            pastNoReturn = true;
            At("mark committed", () => _store.Save(record));
        }
        catch (SimulatedCrashException)
        {
            throw; // a crash does no clean-up: recovery must cope
        }
        catch (Exception ex) when (!pastNoReturn)
        {
            try
            {
                JournalRecovery.RollBack(record, (_, act) => act());
                _store.Remove(record.Id, held);
            }
            catch (Exception undo) when (undo is IOException or UnauthorizedAccessException or SameSessionException)
            {
                throw new SameSessionException(ErrorIds.InterruptedOperation,
                    $"{changes.Description} failed ({ex.Message}) and undoing it failed too ({undo.Message}); the next samesession command retries the undo.", _store.JournalPath(record.Id), ex);
            }
            throw ex is SameSessionException ? ex : new SameSessionException(ErrorIds.IoFailed, $"{changes.Description} failed and was undone: {ex.Message}", null, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new SameSessionException(ErrorIds.InterruptedOperation,
                $"{changes.Description} committed but could not finish ({ex.Message}); the next samesession command finishes it.", _store.JournalPath(record.Id), ex);
        }
        try
        {
            JournalRecovery.Finish(record, At);
            At("delete journal", () => _store.Remove(record.Id, held));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // committed; the backups are dropped by the next recovery
        }
    }

    private void Stage(List<JournalStep> steps)
    {
        foreach (var s in steps.Where(s => s.Kind == StepKind.CreateDirectory))
            StepActions.Forward(s, At, _touched);
        foreach (var s in steps.Where(s => s.Kind == StepKind.WriteFile))
        {
            var staged = s.Path + StepActions.NewSuffix;
            At($"stage {staged}", () =>
            {
                using (var fs = new FileStream(staged, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    s.Content!(fs);
                    fs.Flush(flushToDisk: true);
                }
                CopyMode(s.Path, staged);
            });
        }
        // No directory sync here: a staged entry lost to a power cut only matters before the commit, when recovery
        // rolls back anyway; the installs' directories are synced before the commit mark.
    }

    private void At(string action, Action act)
    {
        _injector?.BeforeStep(_index++, action);
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
