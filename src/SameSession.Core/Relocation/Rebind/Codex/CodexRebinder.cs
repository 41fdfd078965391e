using Microsoft.Data.Sqlite;
using SameSession.Core.Errors;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind.Codex;

/// <summary>
/// Rebinds a Codex thread (formats doc §2.6): the rollout stays where it is (its location does not depend on the
/// cwd); every cwd and workspace root in it is rewritten, and the <c>threads</c> row of <c>state_5.sqlite</c> gets
/// the new cwd and the (unchanged, absolute) rollout path, so the picker's cwd filter and id lookup stay true.
/// </summary>
public sealed class CodexRebinder : IRebinder
{
    public AgentProvider Kind => AgentProvider.Codex;

    public bool IsLiveNow(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CodexWriterLocks.IsHeld(session.Home ?? AgentHomes.Resolve(AgentProvider.Codex, environment), session.Id);
    }

    public RebindPlan Plan(AgentSession session, RebindRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var (oldDir, newDir) = RebinderRegistry.Directories(session, request);
        var rollout = session.Files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("rollout-", StringComparison.Ordinal))
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"Codex session {session.Id} lists no rollout file; run Get-AgentSession again.", session.Key);
        if (rollout.EndsWith(".zst", StringComparison.Ordinal))
            throw new SameSessionException(ErrorIds.UnsupportedFormat, $"{rollout} is zstd-compressed; resume it once with Codex (which decompresses it), then move it.", rollout);
        if (!File.Exists(rollout))
            throw new SameSessionException(ErrorIds.SessionNotFound, $"{rollout} no longer exists; run Get-AgentSession again.", rollout);

        var changes = new ChangeSet($"Move Codex session {session.Id} from {oldDir} to {newDir}")
            .WriteFile(rollout, JsonlContent.Rewritten(rollout, request.Map, CodexRewriteRules.Rollout(request.RewriteContent)));

        var db = session.Files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("state_", StringComparison.Ordinal) && f.EndsWith(".sqlite", StringComparison.Ordinal))
            ?? CodexStateDb.Locate(SqliteHome(session, request.Environment));
        if (db is not null && File.Exists(db) && RowCwd(db, session.Id) is { } rowCwd)
        {
            var cwd = request.Map.Map(rowCwd);
            var p = new Dictionary<string, object?> { ["$id"] = session.Id, ["$cwd"] = cwd, ["$rollout"] = Path.GetFullPath(rollout) };
            changes.Sql(db,
                [new SqlStatement("UPDATE threads SET cwd = $cwd, rollout_path = $rollout WHERE id = $id", p)],
                new SqlProbe("SELECT count(*) FROM threads WHERE id = $id AND cwd = $cwd AND rollout_path = $rollout", p, 1));
        }
        return new RebindPlan(session, oldDir, newDir, changes);
    }

    private static string SqliteHome(AgentSession session, AgentEnvironment env) =>
        env.Get("CODEX_SQLITE_HOME") is { } sh ? env.ExpandHome(sh) : session.Home ?? AgentHomes.Resolve(AgentProvider.Codex, env);

    private static string? RowCwd(string db, string id)
    {
        try
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5 }.ToString());
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT cwd FROM threads WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            return cmd.ExecuteScalar() as string;
        }
        catch (SqliteException ex)
        {
            throw new SameSessionException(ErrorIds.IoFailed, $"Could not read the threads row of {id} from {db}: {ex.Message}. Close Codex and retry.", db, ex);
        }
    }
}
