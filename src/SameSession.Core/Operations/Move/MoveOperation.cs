using SameSession.Core.Errors;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Move;

/// <summary>
/// Move-AgentSession / `samesession move`: rebinds each session to its new directory, one crash-safe transaction per
/// session. A failed session is reported and the batch goes on. Interrupted earlier changes are recovered first.
/// </summary>
public sealed class MoveOperation
{
    private readonly AgentEnvironment _env;
    private readonly IOperationObserver _observer;
    private readonly JournalStore _journal;
    private readonly IFailureInjector? _injector;

    public MoveOperation(AgentEnvironment env, IOperationObserver observer, JournalStore? journal = null, IFailureInjector? injector = null)
    {
        _env = env;
        _observer = observer;
        _journal = journal ?? JournalStore.For(env);
        _injector = injector;
    }

    public IReadOnlyList<MoveResult> Run(MoveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Destination is null) == (request.Map is null || request.Map.IsEmpty))
            throw new SameSessionException(ErrorIds.InvalidArgument, "Give either a destination directory or a path map (old=new), not both and not neither.");
        var destination = request.Destination is null ? null : Path.GetFullPath(_env.ExpandHome(request.Destination));
        JournalRecovery.RecoverAll(_journal, _observer);

        var results = new MoveResult[request.Sessions.Count];
        var group = new List<(int Index, Pending Move)>();
        var claimed = new GroupClaims();
        var facts = new FileFacts();
        var committed = new List<RebindPlan>();
        for (var i = 0; i < request.Sessions.Count; i++)
        {
            var s = request.Sessions[i];
            _observer.Progress(new OperationProgress("Moving agent sessions", $"{s.Key} ({i + 1}/{request.Sessions.Count})", i * 100 / request.Sessions.Count));
            var map = destination is null ? request.Map! : s.Directory is null ? new PathMap() : PathMap.Of(s.Directory, destination);
            var pending = Prepare(s, new RebindRequest(map, _env) { RewriteContent = request.RewriteContent, Facts = facts }, request, reason: null, out var done);
            if (pending is null) { results[i] = done!; continue; }
            // Sessions writing one file go in separate groups (each one's new content is planned from the file as it is),
            // unless their edits of it merge (history, config).
            if (group.Count >= GroupSize || !claimed.TryAdd(pending.Plan.Changes))
            {
                Flush(group, claimed, results, committed);
                claimed.TryAdd(pending.Plan.Changes);
            }
            group.Add((i, pending));
        }
        Flush(group, claimed, results, committed);
        AfterBatch(committed);
        _observer.Progress(new OperationProgress("Moving agent sessions", "done", 100, Completed: true));
        return results;
    }

    /// <summary>Sessions applied together, sharing their fsync barriers (each still all-or-nothing on its own).</summary>
    private const int GroupSize = 64;

    private void Flush(List<(int Index, Pending Move)> group, GroupClaims claimed, MoveResult[] results, List<RebindPlan> committed)
    {
        if (group.Count == 0) return;
        var outcomes = new GroupCommit(_journal, _injector).Apply(group.Select(g => g.Move.Plan.Changes).ToList());
        for (var k = 0; k < group.Count; k++)
        {
            results[group[k].Index] = Complete(group[k].Move, outcomes[k]);
            if (outcomes[k].Error is null) committed.Add(group[k].Move.Plan);
        }
        group.Clear();
        claimed.Clear();
    }

    /// <summary>What only the batch's committed moves together make right (its own transaction; a failure is a warning).</summary>
    private void AfterBatch(List<RebindPlan> committed)
    {
        foreach (var byAgent in committed.GroupBy(p => p.Session.Provider))
        {
            ChangeSet? changes = null;
            try
            {
                changes = RebinderRegistry.For(byAgent.Key).AfterBatch([.. byAgent], _env);
                if (changes is { IsEmpty: false }) new JournalTransaction(_journal, _injector).Apply(changes);
            }
            catch (Exception ex) when (ex is SameSessionException or IOException or UnauthorizedAccessException)
            {
                // The sessions are already moved (and skip as "already there" when moved again): say what is left to do by hand.
                _observer.Warning($"The {byAgent.Key} sessions moved, but \"{changes?.Description ?? "the follow-up after the batch"}\" failed ({ex.Message}); the sessions keep their new place, and that step is left for you to do.");
            }
        }
    }

    /// <summary>A planned, confirmed session waiting for its transaction.</summary>
    private sealed record Pending(AgentSession Session, RebindPlan Plan, List<string> PlanLines, string? Reason);

    internal MoveResult MoveOne(AgentSession s, RebindRequest rebind, MoveRequest request, string? reason)
    {
        var pending = Prepare(s, rebind, request, reason, out var done);
        return pending is null ? done! : Complete(pending, new GroupCommit(_journal, _injector).Apply([pending.Plan.Changes])[0]);
    }

    private MoveResult Complete(Pending p, GroupOutcome outcome)
    {
        var s = p.Session;
        if (outcome.Error is not null) return Failed(s, p.Plan, outcome.Error, p.Reason);
        if (!outcome.CleanedUp)
            _observer.Warning($"{s.Key} moved; removing its backup files failed and will be retried by the next samesession command.");
        // Claude and Gemini files moved with the session; the others stay where they were.
        var filesMoved = s.Provider is AgentProvider.ClaudeCode or AgentProvider.Gemini;
        var moved = s with { Directory = p.Plan.NewDirectory, IsOrphaned = false, ProjectRoot = null, Files = filesMoved ? [] : s.Files };
        return Result(moved, MoveStatus.Moved, p.Plan, p.PlanLines, p.Reason);
    }

    /// <summary>Plans, asks and checks liveness for one session's move; null with <paramref name="done"/> when it ends here. Never throws for an expected failure.</summary>
    private Pending? Prepare(AgentSession s, RebindRequest rebind, MoveRequest request, string? reason, out MoveResult? done)
    {
        done = null;
        RebindPlan? plan = null;
        try
        {
            var rebinder = RebinderRegistry.For(s.Provider);
            var (_, newDirectory) = RebinderRegistry.Directories(s, rebind);
            if (!Directory.Exists(newDirectory))
            {
                if (!request.Create)
                    throw new SameSessionException(ErrorIds.PathNotFound, $"The destination {newDirectory} does not exist; create it or use -Create / --create.", newDirectory);
                if (!_observer.ShouldProcess(newDirectory, "Create directory"))
                {
                    done = new MoveResult { Provider = s.Provider, Id = s.Id, Status = MoveStatus.Skipped, OldDirectory = s.Directory, NewDirectory = newDirectory, Reason = "destination not created (WhatIf)" };
                    return null;
                }
                Directory.CreateDirectory(newDirectory);
            }
            plan = rebinder.Plan(s, rebind);
            var planLines = plan.Changes.PlanLines().ToList();
            if (PathsEqual(plan.OldDirectory, plan.NewDirectory))
            {
                done = Result(s, MoveStatus.Skipped, plan, planLines, reason: "already in that directory");
                return null;
            }
            if (!_observer.ShouldProcess($"{s.Key} {plan.OldDirectory} -> {plan.NewDirectory}", "Move session" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", planLines)))
            {
                done = Result(s, MoveStatus.Skipped, plan, planLines, reason ?? "not confirmed (WhatIf)");
                return null;
            }
            if (!request.Force && (s.IsLive || rebinder.IsLiveNow(s, _env)))
                throw new SameSessionException(ErrorIds.SessionLocked,
                    $"{s.Provider} is running session {s.Id}; close it (or use -Force / --force) and retry.", s.Key);
            return new Pending(s, plan, planLines, reason);
        }
        catch (Exception ex) when (ex is SameSessionException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException
            or System.Text.Json.JsonException or InvalidOperationException) // one unreadable session fails alone; the batch goes on
        {
            done = Failed(s, plan, ex, reason);
            return null;
        }
    }

    private static MoveResult Failed(AgentSession s, RebindPlan? plan, Exception ex, string? reason) => new()
    {
        Provider = s.Provider, Id = s.Id, Status = MoveStatus.Failed,
        OldDirectory = plan?.OldDirectory ?? s.Directory, NewDirectory = plan?.NewDirectory,
        Plan = plan?.Changes.PlanLines().ToList() ?? [], Error = ErrorReport.From(ex), Reason = reason,
    };

    private static MoveResult Result(AgentSession s, MoveStatus status, RebindPlan plan, List<string> lines, string? reason) => new()
    {
        Provider = s.Provider, Id = s.Id, Status = status, OldDirectory = plan.OldDirectory, NewDirectory = plan.NewDirectory,
        Plan = lines, Session = s, Reason = reason,
    };

    private static bool PathsEqual(string a, string b) => string.Equals(a, b, PathStyles.Infer(a).Comparison());
}
