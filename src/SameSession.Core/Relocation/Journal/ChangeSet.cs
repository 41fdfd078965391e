using System.Collections.ObjectModel;

namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// The file and SQLite changes that together make one session's move. Built by a rebinder, shown as the plan,
/// then applied all-or-nothing by a <see cref="JournalTransaction"/>.
/// </summary>
public sealed class ChangeSet
{
    private readonly List<JournalStep> _steps = [];

    public ChangeSet(string description) => Description = description;

    public string Description { get; }

    public ReadOnlyCollection<JournalStep> Steps => _steps.AsReadOnly();

    public bool IsEmpty => _steps.Count == 0;

    public ChangeSet CreateDirectory(string path)
    {
        if (!_steps.Any(s => s.Kind == StepKind.CreateDirectory && s.Path == path))
            _steps.Add(new JournalStep { Kind = StepKind.CreateDirectory, Path = path });
        return this;
    }

    /// <summary>Creates <paramref name="path"/> and every missing parent, outermost first.</summary>
    public ChangeSet CreateDirectories(string path)
    {
        var missing = new Stack<string>();
        for (var d = path; !string.IsNullOrEmpty(d) && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d)) missing.Push(d);
        foreach (var d in missing) CreateDirectory(d);
        return this;
    }

    /// <summary>Writes new content at <paramref name="path"/>; <paramref name="content"/> runs while staging.</summary>
    public ChangeSet WriteFile(string path, Action<Stream> content)
    {
        _steps.Add(new JournalStep { Kind = StepKind.WriteFile, Path = path, Content = content });
        return this;
    }

    /// <summary>Writes a file other sessions' change sets may edit too; a group commit merges such edits into one write.</summary>
    public ChangeSet WriteSharedFile(string path, SharedFileEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        _steps.Add(new JournalStep { Kind = StepKind.WriteFile, Path = path, Content = edit.Merge([edit]), Shared = edit });
        return this;
    }

    /// <summary>One change set doing everything <paramref name="sets"/> do, their shared edits of each path merged into one write.</summary>
    internal static ChangeSet Merged(IReadOnlyList<ChangeSet> sets)
    {
        var merged = new ChangeSet(string.Join("; ", sets.Select(s => s.Description)));
        var shared = new List<(string Path, List<SharedFileEdit> Edits)>();
        foreach (var s in sets.SelectMany(set => set._steps))
        {
            if (s.Shared is { } edit)
            {
                var at = shared.FindIndex(x => x.Path == s.Path);
                if (at < 0) shared.Add((s.Path, [edit]));
                else shared[at].Edits.Add(edit);
            }
            else if (s.Kind == StepKind.CreateDirectory) merged.CreateDirectory(s.Path);
            else merged._steps.Add(s);
        }
        foreach (var (path, edits) in shared)
            merged._steps.Add(new JournalStep { Kind = StepKind.WriteFile, Path = path, Content = edits[0].Merge(edits) });
        return merged;
    }

    public ChangeSet Move(string from, string to)
    {
        _steps.Add(new JournalStep { Kind = StepKind.Move, From = from, Path = to });
        return this;
    }

    public ChangeSet Delete(string path)
    {
        _steps.Add(new JournalStep { Kind = StepKind.Delete, Path = path });
        return this;
    }

    public ChangeSet RemoveDirectoryIfEmpty(string path)
    {
        _steps.Add(new JournalStep { Kind = StepKind.RemoveDirectoryIfEmpty, Path = path });
        return this;
    }

    public ChangeSet Sql(string database, IEnumerable<SqlStatement> statements, SqlProbe probe)
    {
        _steps.Add(new JournalStep { Kind = StepKind.Sql, Path = database, Statements = statements.ToList(), Probe = probe });
        return this;
    }

    /// <summary>The plan, one change per line (what -WhatIf prints).</summary>
    public IEnumerable<string> PlanLines() => _steps.Where(s => s.Kind != StepKind.RemoveDirectoryIfEmpty).Select(s => s.ToString());

    public override string ToString() => $"{Description}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", PlanLines())}";
}
