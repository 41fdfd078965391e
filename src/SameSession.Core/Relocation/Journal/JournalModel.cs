using System.Text.Json.Serialization;

namespace SameSession.Core.Relocation.Journal;

/// <summary>What one journal step does. Serialized by name: the journal on disk must stay readable across versions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    /// <summary>Create a directory (done while staging; removed on rollback if we created it and it is empty).</summary>
    CreateDirectory,

    /// <summary>Install staged content (<c>path.ss-new</c>) at Path, keeping the old file as <c>path.ss-old</c> until commit.</summary>
    WriteFile,

    /// <summary>Rename From to Path (a file or directory); Path must not exist.</summary>
    Move,

    /// <summary>Delete Path (kept as <c>path.ss-old</c> until commit).</summary>
    Delete,

    /// <summary>After commit, remove Path if it is an empty directory.</summary>
    RemoveDirectoryIfEmpty,

    /// <summary>Run statements on a SQLite database in one transaction; the probe proves it committed.</summary>
    Sql,
}

[JsonConverter(typeof(JsonStringEnumConverter<JournalState>))]
public enum JournalState
{
    /// <summary>Staged files may be incomplete; recovery rolls back.</summary>
    Staging,

    /// <summary>Everything is staged and durable; applying. Recovery rolls forward only when a SQL probe shows a commit.</summary>
    Prepared,

    /// <summary>The point of no return was passed; recovery rolls forward and cleans up.</summary>
    Committed,
}

public sealed record SqlStatement(string Sql, Dictionary<string, object?> Parameters);

/// <summary>A scalar query whose result equals Expected exactly when the statements have been committed.</summary>
public sealed record SqlProbe(string Sql, Dictionary<string, object?> Parameters, long Expected);

public sealed record JournalStep
{
    public required StepKind Kind { get; init; }
    public required string Path { get; init; }
    public string? From { get; init; }

    /// <summary>Whether Path existed when the change was planned (CreateDirectory, WriteFile).</summary>
    public bool Existed { get; init; }

    public List<SqlStatement>? Statements { get; init; }
    public SqlProbe? Probe { get; init; }

    [JsonIgnore]
    internal Action<Stream>? Content { get; init; }

    /// <summary>For a write of a shared file: this set's edit, which a group may merge with other sets' edits.</summary>
    [JsonIgnore]
    internal SharedFileEdit? Shared { get; init; }

    public override string ToString() => Kind switch
    {
        StepKind.CreateDirectory => $"create directory {Path}",
        StepKind.WriteFile => Existed ? $"rewrite {Path}" : $"write {Path}",
        StepKind.Move => $"move {From} -> {Path}",
        StepKind.Delete => $"delete {Path}",
        StepKind.RemoveDirectoryIfEmpty => $"remove {Path} if empty",
        StepKind.Sql => $"update {Path} ({Statements?.Count ?? 0} statement(s))",
        _ => Kind.ToString(),
    };
}

/// <summary>The journal file: everything recovery needs to finish or undo a transaction.</summary>
public sealed record JournalRecord
{
    public int Version { get; init; } = 1;
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required JournalState State { get; set; }
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;
    public required List<JournalStep> Steps { get; init; }
}
