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

        var results = new List<MoveResult>();
        for (var i = 0; i < request.Sessions.Count; i++)
        {
            var s = request.Sessions[i];
            _observer.Progress(new OperationProgress("Moving agent sessions", $"{s.Key} ({i + 1}/{request.Sessions.Count})", i * 100 / request.Sessions.Count));
            var map = destination is null ? request.Map! : s.Directory is null ? new PathMap() : PathMap.Of(s.Directory, destination);
            results.Add(MoveOne(s, new RebindRequest(map, _env) { RewriteContent = request.RewriteContent }, request, reason: null));
        }
        _observer.Progress(new OperationProgress("Moving agent sessions", "done", 100, Completed: true));
        return results;
    }

    /// <summary>Plans, asks, checks liveness and applies one session's move; never throws for an expected failure.</summary>
    internal MoveResult MoveOne(AgentSession s, RebindRequest rebind, MoveRequest request, string? reason)
    {
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
                    return new MoveResult { Provider = s.Provider, Id = s.Id, Status = MoveStatus.Skipped, OldDirectory = s.Directory, NewDirectory = newDirectory, Reason = "destination not created (WhatIf)" };
                Directory.CreateDirectory(newDirectory);
            }
            plan = rebinder.Plan(s, rebind);
            var planLines = plan.Changes.PlanLines().ToList();
            if (PathsEqual(plan.OldDirectory, plan.NewDirectory))
                return Result(s, MoveStatus.Skipped, plan, planLines, reason: "already in that directory");
            if (!_observer.ShouldProcess($"{s.Key} {plan.OldDirectory} -> {plan.NewDirectory}", "Move session" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", planLines)))
                return Result(s, MoveStatus.Skipped, plan, planLines, reason ?? "not confirmed (WhatIf)");
            if (!request.Force && (s.IsLive || rebinder.IsLiveNow(s, _env)))
                throw new SameSessionException(ErrorIds.SessionLocked,
                    $"{s.Provider} is running session {s.Id}; close it (or use -Force / --force) and retry.", s.Key);
            if (!new JournalTransaction(_journal, _injector).Apply(plan.Changes))
                _observer.Warning($"{s.Key} moved; removing its backup files failed and will be retried by the next samesession command.");
            // Claude and Gemini files moved with the session; the others stay where they were.
            var filesMoved = s.Provider is AgentProvider.ClaudeCode or AgentProvider.Gemini;
            var moved = s with { Directory = plan.NewDirectory, IsOrphaned = false, ProjectRoot = null, Files = filesMoved ? [] : s.Files };
            return Result(moved, MoveStatus.Moved, plan, planLines, reason);
        }
        catch (Exception ex) when (ex is SameSessionException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            return new MoveResult
            {
                Provider = s.Provider, Id = s.Id, Status = MoveStatus.Failed,
                OldDirectory = plan?.OldDirectory ?? s.Directory, NewDirectory = plan?.NewDirectory,
                Plan = plan?.Changes.PlanLines().ToList() ?? [], Error = ErrorReport.From(ex), Reason = reason,
            };
        }
    }

    private static MoveResult Result(AgentSession s, MoveStatus status, RebindPlan plan, List<string> lines, string? reason) => new()
    {
        Provider = s.Provider, Id = s.Id, Status = status, OldDirectory = plan.OldDirectory, NewDirectory = plan.NewDirectory,
        Plan = lines, Session = s, Reason = reason,
    };

    private static bool PathsEqual(string a, string b) => string.Equals(a, b, PathStyles.Infer(a).Comparison());
}
