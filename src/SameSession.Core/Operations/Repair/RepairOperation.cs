using SameSession.Core.Errors;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Repair;

/// <summary>
/// Repair-AgentSession / `samesession repair`: for each orphaned session (its directory is gone), finds where the
/// project went under the search root (by a commit the session recorded, then its remote URL, then the folder
/// name; each must be unambiguous) and moves the session there like Move-AgentSession.
/// </summary>
public sealed class RepairOperation
{
    private readonly AgentEnvironment _env;
    private readonly IOperationObserver _observer;
    private readonly MoveOperation _move;

    public RepairOperation(AgentEnvironment env, IOperationObserver observer, JournalStore? journal = null)
    {
        _env = env;
        _observer = observer;
        _move = new MoveOperation(env, observer, journal);
        Journal = journal ?? JournalStore.For(env);
    }

    private JournalStore Journal { get; }

    public IReadOnlyList<MoveResult> Run(RepairRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = Path.GetFullPath(_env.ExpandHome(request.SearchRoot ?? _env.Home));
        if (!Directory.Exists(root))
            throw new SameSessionException(ErrorIds.PathNotFound, $"The search root {root} does not exist.", root);
        JournalRecovery.RecoverAll(Journal, _observer);
        _observer.Progress(new OperationProgress("Repairing agent sessions", $"searching {root}", 0));
        var names = PathStyles.Current.IsCaseSensitive() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var search = ProjectSearch.Walk(root, request.MaxDepth, request.Timeout, names, _env.Get("PATH"));
        if (search.TimedOut) _observer.Warning($"The search under {root} stopped after {request.Timeout.TotalSeconds:0} s; pass a narrower -SearchRoot to look deeper.");
        if (!search.HasGit) _observer.Warning("git is not on PATH: projects are matched by folder name only.");

        var results = new List<MoveResult>();
        var move = new MoveRequest { Sessions = [], Map = new PathMap(), Force = request.Force, RewriteContent = request.RewriteContent };
        var found = request.Sessions.Select(s => s.Directory is null || Directory.Exists(s.Directory) ? default : Locate(s, search)).ToList();
        found = FromSiblings(request.Sessions, found);
        for (var i = 0; i < request.Sessions.Count; i++)
        {
            var s = request.Sessions[i];
            _observer.Progress(new OperationProgress("Repairing agent sessions", $"{s.Key} ({i + 1}/{request.Sessions.Count})", i * 100 / request.Sessions.Count));
            results.Add(RepairOne(s, found[i], move));
        }
        _observer.Progress(new OperationProgress("Repairing agent sessions", "done", 100, Completed: true));
        return results;
    }

    private MoveResult RepairOne(AgentSession s, (string? Directory, string How) found, MoveRequest move)
    {
        if (s.Directory is null || Directory.Exists(s.Directory))
            return new MoveResult { Provider = s.Provider, Id = s.Id, Status = MoveStatus.Skipped, OldDirectory = s.Directory, Reason = "not orphaned: its directory exists" };
        if (found.Directory is null)
            return new MoveResult
            {
                Provider = s.Provider, Id = s.Id, Status = MoveStatus.Failed, OldDirectory = s.Directory, Reason = found.How,
                Error = ErrorReport.From(new SameSessionException(ErrorIds.PathNotFound, $"Could not find where {s.Directory} went: {found.How}. Use Move-AgentSession -Destination.", s.Key)),
            };
        var map = PathMap.Of(s.Directory, found.Directory);
        return _move.MoveOne(s, new RebindRequest(map, _env) { RewriteContent = move.RewriteContent }, move, found.How);
    }

    /// <summary>
    /// Agents that record no commit or remote (Claude Code) would fall back to the folder name, which a rename defeats.
    /// A session from the same old directory that WAS found by commit or remote (another agent's) is stronger evidence:
    /// every session recorded in that directory, or below it, follows it.
    /// </summary>
    private static List<(string? Directory, string How)> FromSiblings(IReadOnlyList<AgentSession> sessions, List<(string? Directory, string How)> found)
    {
        var anchors = sessions.Zip(found)
            .Where(p => IsStrong(p.Second))
            .Select(p => (Old: p.First.Directory!, New: p.Second.Directory!, p.First.Key))
            .DistinctBy(a => a.Old)
            .ToList();
        return [.. sessions.Zip(found).Select(p =>
        {
            if (p.First.Directory is not { } old || Directory.Exists(old) || IsStrong(p.Second))
                return p.Second;
            var near = anchors.Where(a => PathMap.Of(a.Old, a.New).TryMap(old, out _)).OrderByDescending(a => a.Old.Length).FirstOrDefault();
            if (near.Old is null) return p.Second;
            PathMap.Of(near.Old, near.New).TryMap(old, out var mapped);
            return (mapped, $"followed {near.Key} from the same directory");
        })];
    }

    private const string ByFolderName = "matched by folder name";

    private static bool IsStrong((string? Directory, string How) found) =>
        found.Directory is not null && !found.How.StartsWith(ByFolderName, StringComparison.Ordinal);

    /// <summary>The new directory and how it was found, or null and why not.</summary>
    private static (string? Directory, string How) Locate(AgentSession s, ProjectSearch search)
    {
        var old = s.Directory!;
        var hints = OriginHints.For(s);
        if (hints.Commit is { } commit)
        {
            var repos = search.Repositories.Where(r => search.HasRootOrCommit(r, commit)).ToList();
            if (Pick(repos, old) is { } dir) return (dir, $"matched by git commit {commit[..12]}");
        }
        if (hints.RemoteUrl is { } url)
        {
            var wanted = ProjectSearch.NormalizeRemote(url);
            var repos = search.Repositories.Where(r => search.Remote(r) is { } u && ProjectSearch.NormalizeRemote(u) == wanted).ToList();
            if (Pick(repos, old) is { } dir) return (dir, $"matched by remote {url}");
        }
        var name = LastSegment(old);
        var byName = search.Named(name).ToList();
        return byName.Count switch
        {
            1 => (byName[0], $"{ByFolderName} '{name}'"),
            0 => (null, $"no folder named '{name}' under the search root"),
            _ => (null, $"{byName.Count} folders are named '{name}' ({string.Join(", ", byName.Take(5))}); choose one with Move-AgentSession"),
        };
    }

    /// <summary>One repository: the old directory's place inside it (its deepest existing sub-path). Several: ambiguous.</summary>
    private static string? Pick(List<string> repos, string old)
    {
        if (repos.Count != 1) return null;
        var segments = old.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries);
        for (var k = segments.Length - 1; k >= 1; k--)
        {
            var candidate = Path.Combine([repos[0], .. segments[^k..]]);
            if (Directory.Exists(candidate)) return candidate;
        }
        return repos[0];
    }

    private static string LastSegment(string path) => path.TrimEnd('/', '\\').Split('/', '\\').Last();
}
