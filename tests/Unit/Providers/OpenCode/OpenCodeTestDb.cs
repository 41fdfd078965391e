using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SameSession.Tests.Unit.Providers.OpenCode;

/// <summary>
/// An opencode.db with the tables opencode 1.18 creates (column lists as a 1.18.32 database has them; project as in
/// packages/core schema), filled through the same columns opencode writes.
/// </summary>
internal sealed class OpenCodeTestDb
{
    public const string Schema = """
        CREATE TABLE `project` (`id` text PRIMARY KEY, `worktree` text NOT NULL, `vcs` text, `name` text, `icon_url` text,
          `icon_color` text, `time_created` integer NOT NULL, `time_updated` integer NOT NULL, `time_initialized` integer,
          `sandboxes` text NOT NULL, `commands` text);
        CREATE TABLE `session` (`id` text PRIMARY KEY, `project_id` text NOT NULL, `workspace_id` text, `parent_id` text,
          `slug` text NOT NULL, `directory` text NOT NULL, `path` text, `title` text NOT NULL, `version` text NOT NULL,
          `share_url` text, `summary_additions` integer, `summary_deletions` integer, `summary_files` integer,
          `summary_diffs` text, `metadata` text, `cost` real DEFAULT 0 NOT NULL, `tokens_input` integer DEFAULT 0 NOT NULL,
          `tokens_output` integer DEFAULT 0 NOT NULL, `tokens_reasoning` integer DEFAULT 0 NOT NULL,
          `tokens_cache_read` integer DEFAULT 0 NOT NULL, `tokens_cache_write` integer DEFAULT 0 NOT NULL, `revert` text,
          `permission` text, `agent` text, `model` text, `time_created` integer NOT NULL, `time_updated` integer NOT NULL,
          `time_compacting` integer, `time_archived` integer,
          CONSTRAINT `fk_session_project_id_project_id_fk` FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON DELETE CASCADE);
        CREATE INDEX `session_project_idx` ON `session` (`project_id`);
        CREATE INDEX `session_parent_idx` ON `session` (`parent_id`);
        CREATE TABLE `message` (`id` text PRIMARY KEY, `session_id` text NOT NULL, `time_created` integer NOT NULL,
          `time_updated` integer NOT NULL, `data` text NOT NULL,
          CONSTRAINT `fk_message_session_id_session_id_fk` FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON DELETE CASCADE);
        CREATE INDEX `message_session_time_created_id_idx` ON `message` (`session_id`,`time_created`,`id`);
        CREATE TABLE `part` (`id` text PRIMARY KEY, `message_id` text NOT NULL, `session_id` text NOT NULL,
          `time_created` integer NOT NULL, `time_updated` integer NOT NULL, `data` text NOT NULL,
          CONSTRAINT `fk_part_message_id_message_id_fk` FOREIGN KEY (`message_id`) REFERENCES `message`(`id`) ON DELETE CASCADE);
        CREATE INDEX `part_message_id_id_idx` ON `part` (`message_id`,`id`);
        CREATE INDEX `part_session_idx` ON `part` (`session_id`);
        """;

    private int _seq;

    public OpenCodeTestDb(string path, bool wal = true)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Execute((wal ? "PRAGMA journal_mode=WAL;" : "") + Schema);
        Execute("insert into project (id, worktree, time_created, time_updated, sandboxes) values ('global', '/', 0, 0, '[]')");
    }

    public string Path { get; }

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();

    public void Execute(string sql, params (string Name, object? Value)[] args)
    {
        using var c = new SqliteConnection(ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    public void Project(string id, string worktree, params string[] sandboxes) =>
        Execute("insert into project (id, worktree, vcs, time_created, time_updated, sandboxes) values ($id, $w, 'git', 1, 1, $s)",
            ("$id", id), ("$w", worktree), ("$s", JsonSerializer.Serialize(sandboxes)));

    public void Session(string id, string directory, string title = "A session", string project = "global", string? parent = null,
        long created = 1_763_000_000_000, long updated = 1_763_000_100_000, long? archived = null, string version = "1.18.33") =>
        Execute("insert into session (id, project_id, parent_id, slug, directory, title, version, time_created, time_updated, time_archived) " +
                "values ($id, $p, $parent, 'slug', $d, $t, $v, $c, $u, $a)",
            ("$id", id), ("$p", project), ("$parent", parent), ("$d", directory), ("$t", title), ("$v", version),
            ("$c", created), ("$u", updated), ("$a", archived));

    /// <summary>A user message with one text part (plus a synthetic part opencode adds for attached files).</summary>
    public string User(string session, string text)
    {
        var id = $"msg_{++_seq:D12}";
        Execute("insert into message (id, session_id, time_created, time_updated, data) values ($id, $s, $t, $t, $d)",
            ("$id", id), ("$s", session), ("$t", 1_763_000_000_000 + _seq), ("$d", """{"role":"user","time":{"created":1},"agent":"build"}"""));
        Part(id, session, JsonSerializer.Serialize(new { type = "text", text = "<file contents>", synthetic = true }));
        Part(id, session, JsonSerializer.Serialize(new { type = "text", text }));
        return id;
    }

    public string Assistant(string session, string text, string cwd)
    {
        var id = $"msg_{++_seq:D12}";
        var data = JsonSerializer.Serialize(new { role = "assistant", time = new { created = 2 }, path = new { cwd, root = cwd }, modelID = "m", providerID = "p" });
        Execute("insert into message (id, session_id, time_created, time_updated, data) values ($id, $s, $t, $t, $d)",
            ("$id", id), ("$s", session), ("$t", 1_763_000_000_000 + _seq), ("$d", data));
        Part(id, session, JsonSerializer.Serialize(new { type = "text", text }));
        return id;
    }

    private void Part(string message, string session, string data) =>
        Execute("insert into part (id, message_id, session_id, time_created, time_updated, data) values ($id, $m, $s, 1, 1, $d)",
            ("$id", $"prt_{++_seq:D12}"), ("$m", message), ("$s", session), ("$d", data));
}
