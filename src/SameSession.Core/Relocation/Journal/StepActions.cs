using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SameSession.Core.Errors;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// Forward, backward and clean-up actions for each step kind. Every action is idempotent and decides from what is
/// on disk, so recovery can run it again after a crash at any point (including inside a previous recovery).
/// </summary>
internal static class StepActions
{
    public const string NewSuffix = ".ss-new";
    public const string OldSuffix = ".ss-old";

    /// <summary>Runs one atomic action at a numbered point (where a failure injector may strike).</summary>
    public delegate void Checkpoint(string action, Action act);

    /// <param name="touched">Directories whose entries changed; the caller fsyncs each once before committing.</param>
    public static void Forward(JournalStep s, Checkpoint at, ISet<string> touched)
    {
        switch (s.Kind)
        {
            case StepKind.CreateDirectory:
                if (!Directory.Exists(s.Path))
                {
                    at($"create {s.Path}", () => Directory.CreateDirectory(s.Path));
                    touched.Add(Parent(s.Path));
                }
                break;
            case StepKind.WriteFile:
                var staged = s.Path + NewSuffix;
                if (!File.Exists(staged))
                {
                    if (!File.Exists(s.Path))
                        throw Lost(s.Path, $"neither {s.Path} nor its staged copy {staged} exists");
                    break; // already installed
                }
                if (File.Exists(s.Path) && !File.Exists(s.Path + OldSuffix))
                    at($"back up {s.Path}", () => File.Move(s.Path, s.Path + OldSuffix));
                at($"install {s.Path}", () => File.Move(staged, s.Path, overwrite: true));
                touched.Add(Parent(s.Path));
                break;
            case StepKind.Move:
                if (Exists(s.From!) && !Exists(s.Path))
                {
                    at($"move {s.From}", () => MoveAny(s.From!, s.Path));
                    touched.Add(Parent(s.Path));
                    touched.Add(Parent(s.From!));
                }
                break;
            case StepKind.Delete:
                if (Exists(s.Path) && !Exists(s.Path + OldSuffix))
                {
                    at($"set aside {s.Path}", () => MoveAny(s.Path, s.Path + OldSuffix));
                    touched.Add(Parent(s.Path));
                }
                break;
            case StepKind.Sql:
                if (!ProbeSatisfied(s)) at($"update {s.Path}", () => RunSql(s));
                break;
            case StepKind.RemoveDirectoryIfEmpty:
                break; // clean-up only
        }
    }

    public static void Backward(JournalStep s, Checkpoint at)
    {
        switch (s.Kind)
        {
            case StepKind.CreateDirectory:
                if (!s.Existed && Directory.Exists(s.Path) && !Directory.EnumerateFileSystemEntries(s.Path).Any())
                    at($"remove {s.Path}", () => Directory.Delete(s.Path));
                break;
            case StepKind.WriteFile:
                var old = s.Path + OldSuffix;
                if (File.Exists(old)) at($"restore {s.Path}", () => File.Move(old, s.Path, overwrite: true));
                else if (!s.Existed && File.Exists(s.Path))
                    at($"remove {s.Path}", () => File.Delete(s.Path));
                if (File.Exists(s.Path + NewSuffix)) at($"discard {s.Path}{NewSuffix}", () => File.Delete(s.Path + NewSuffix));
                break;
            case StepKind.Move:
                if (Exists(s.Path) && !Exists(s.From!)) at($"move back {s.Path}", () => MoveAny(s.Path, s.From!));
                break;
            case StepKind.Delete:
                if (Exists(s.Path + OldSuffix) && !Exists(s.Path)) at($"restore {s.Path}", () => MoveAny(s.Path + OldSuffix, s.Path));
                break;
            case StepKind.Sql:
            case StepKind.RemoveDirectoryIfEmpty:
                break; // SQL is the point of no return: a committed step is never undone
        }
    }

    /// <summary>After commit: drop the backups and empty leftovers.</summary>
    public static void CleanUp(JournalStep s, Checkpoint at)
    {
        switch (s.Kind)
        {
            case StepKind.WriteFile:
            case StepKind.Delete:
                var old = s.Path + OldSuffix;
                if (Exists(old)) at($"drop backup {old}", () => DeleteAny(old));
                break;
            case StepKind.RemoveDirectoryIfEmpty:
                if (Directory.Exists(s.Path) && !Directory.EnumerateFileSystemEntries(s.Path).Any())
                    at($"remove {s.Path}", () => Directory.Delete(s.Path));
                break;
        }
    }

    public static void SyncAll(ISet<string> directories)
    {
        foreach (var d in directories) Durability.SyncDirectory(d);
        directories.Clear();
    }

    public static bool ProbeSatisfied(JournalStep s)
    {
        if (s.Probe is null || !File.Exists(s.Path)) return false;
        using var c = Open(s.Path);
        using var cmd = Command(c, s.Probe.Sql, s.Probe.Parameters);
        var result = cmd.ExecuteScalar();
        return result is not null and not DBNull && Convert.ToInt64(result, CultureInfo.InvariantCulture) == s.Probe.Expected;
    }

    private static void RunSql(JournalStep s)
    {
        using var c = Open(s.Path);
        using var tx = c.BeginTransaction();
        foreach (var st in s.Statements ?? [])
        {
            using var cmd = Command(c, st.Sql, st.Parameters);
            cmd.Transaction = tx;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static SqliteConnection Open(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 10 }.ToString());
        c.Open();
        return c;
    }

#pragma warning disable CA2100 // statements come from our own rebinders, values are bound parameters
    private static SqliteCommand Command(SqliteConnection c, string sql, Dictionary<string, object?> parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (k, v) in parameters) cmd.Parameters.AddWithValue(k, Plain(v) ?? DBNull.Value);
        return cmd;
    }
#pragma warning restore CA2100

    /// <summary>Parameters read back from the journal arrive as JsonElement.</summary>
    private static object? Plain(object? v) => v is JsonElement e
        ? e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
            JsonValueKind.True => 1L,
            JsonValueKind.False => 0L,
            _ => null,
        }
        : v;

    public static bool Exists(string p) => File.Exists(p) || Directory.Exists(p);

    private static void MoveAny(string from, string to)
    {
        if (Directory.Exists(from)) Directory.Move(from, to);
        else File.Move(from, to);
    }

    private static void DeleteAny(string p)
    {
        if (Directory.Exists(p)) Directory.Delete(p, recursive: true);
        else File.Delete(p);
    }

    private static string Parent(string p) => Path.GetDirectoryName(p) ?? ".";

    private static SameSessionException Lost(string target, string what) =>
        new(ErrorIds.InterruptedOperation, $"Cannot finish an interrupted move: {what}. Restore the file from a backup and delete the journal.", target);
}
