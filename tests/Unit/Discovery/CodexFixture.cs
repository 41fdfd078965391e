using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

/// <summary>Builds Codex rollouts, a state_5.sqlite and session_index.jsonl in the documented shapes (formats doc §2).</summary>
internal sealed class CodexFixture
{
    // Codex (serde_json) and Claude (JSON.stringify) write '<', '>' and non-ASCII unescaped.
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CodexFixture(string home) => Home = home;

    public string Home { get; }
    public string CodexHome => Path.Combine(Home, ".codex");

    public AgentEnvironment Environment(params (string Name, string Value)[] vars) =>
        new(Home, vars.ToDictionary(v => v.Name, v => v.Value));

    public static string RolloutName(string id, DateTime local) =>
        $"rollout-{local.ToString("yyyy-MM-dd'T'HH-mm-ss", CultureInfo.InvariantCulture)}-{id}.jsonl";

    public string WriteRollout(string id, IEnumerable<string> lines, bool archived = false, DateTime? local = null, string? root = null)
    {
        var t = local ?? new DateTime(2026, 7, 1, 19, 19, 37);
        var dir = archived
            ? Path.Combine(root ?? CodexHome, "archived_sessions")
            : Path.Combine(root ?? CodexHome, "sessions", t.ToString("yyyy", CultureInfo.InvariantCulture), t.ToString("MM", CultureInfo.InvariantCulture), t.ToString("dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, RolloutName(id, t));
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static string Line(string ts, string type, JsonObject payload) =>
        new JsonObject { ["timestamp"] = ts, ["type"] = type, ["payload"] = payload }.ToJsonString(Relaxed);

    public static string Meta(string id, string cwd, string ts = "2026-07-01T19:19:37.885Z", string branch = "main", string version = "0.169.0") =>
        Line(ts, "session_meta", new JsonObject
        {
            ["id"] = id,
            ["session_id"] = id,
            ["forked_from_id"] = null,
            ["timestamp"] = ts,
            ["cwd"] = cwd,
            ["originator"] = "codex_exec",
            ["cli_version"] = version,
            ["source"] = "exec",
            ["model_provider"] = "mock",
            ["base_instructions"] = new JsonObject { ["text"] = "You are Codex, \"type\":\"message\",\"role\":\"user\"" },
            ["git"] = new JsonObject { ["commit_hash"] = "9a3c", ["branch"] = branch, ["repository_url"] = "git@example.com:me/proj.git" },
        });

    public static string Message(string role, string text, string ts = "2026-07-01T19:19:38.000Z") =>
        Line(ts, "response_item", new JsonObject
        {
            ["type"] = "message",
            ["role"] = role,
            ["content"] = new JsonArray(new JsonObject { ["type"] = role == "assistant" ? "output_text" : "input_text", ["text"] = text }),
        });

    public static string EnvironmentContext(string cwd) => Message("user", $"<environment_context>\n  <cwd>{cwd}</cwd>\n</environment_context>");

    public static string TurnContext(string cwd, string ts = "2026-07-01T19:19:38.000Z") =>
        Line(ts, "turn_context", new JsonObject { ["turn_id"] = "t1", ["cwd"] = cwd, ["model"] = "mock-model", ["approval_policy"] = "never" });

    public static string Event(string type, string message, string ts = "2026-07-01T19:19:39.000Z") =>
        Line(ts, "event_msg", new JsonObject { ["type"] = type, ["message"] = message });

    public static string FunctionCall(string ts = "2026-07-01T19:19:40.000Z") =>
        Line(ts, "response_item", new JsonObject { ["type"] = "function_call", ["name"] = "shell", ["arguments"] = "{\"command\":[\"ls\"],\"role\":\"user\"}", ["call_id"] = "c1" });

    public string CreateStateDb(IEnumerable<(string Id, string RolloutPath, string Cwd, string Title, bool Archived)> rows, string? sqliteHome = null, bool withName = false)
    {
        var dir = sqliteHome ?? CodexHome;
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "state_5.sqlite");
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using (var create = c.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE threads (id TEXT PRIMARY KEY, rollout_path TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                  cwd TEXT NOT NULL, title TEXT NOT NULL, archived INTEGER NOT NULL DEFAULT 0, git_branch TEXT, cli_version TEXT NOT NULL DEFAULT '',
                  first_user_message TEXT NOT NULL DEFAULT '', updated_at_ms INTEGER, project_id TEXT);
                """;
            create.ExecuteNonQuery();
        }
        foreach (var r in rows)
        {
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO threads VALUES ($id, $p, 1782933577, 1782933600, $cwd, $title, $a, 'db-branch', '0.170.0', 'first from db', 1782933600123, 'proj-1')";
            insert.Parameters.AddWithValue("$id", r.Id);
            insert.Parameters.AddWithValue("$p", r.RolloutPath);
            insert.Parameters.AddWithValue("$cwd", r.Cwd);
            insert.Parameters.AddWithValue("$title", r.Title);
            insert.Parameters.AddWithValue("$a", r.Archived ? 1 : 0);
            insert.ExecuteNonQuery();
        }
        if (withName)
        {
            using var alter = c.CreateCommand();
            alter.CommandText = "ALTER TABLE threads ADD COLUMN name TEXT; UPDATE threads SET name = 'db name'";
            alter.ExecuteNonQuery();
        }
        return path;
    }

    public void WriteSessionIndex(params (string Id, string Name)[] entries)
    {
        Directory.CreateDirectory(CodexHome);
        File.WriteAllLines(Path.Combine(CodexHome, "session_index.jsonl"),
            entries.Select(e => new JsonObject { ["id"] = e.Id, ["thread_name"] = e.Name, ["updated_at"] = "2026-07-01T20:00:00Z" }.ToJsonString(Relaxed)).Append("{broken"));
    }
}
