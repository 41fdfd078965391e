using System.Text;
using System.Text.Json.Nodes;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

/// <summary>Builds Claude Code transcripts in the documented shapes (formats doc §1.3–1.5) under a throwaway home.</summary>
internal sealed class ClaudeFixture
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private int _n;

    public ClaudeFixture(string home) => Home = home;

    public string Home { get; }
    public string ClaudeHome => Path.Combine(Home, ".claude");

    public AgentEnvironment Environment(params (string Name, string Value)[] vars) =>
        new(Home, vars.ToDictionary(v => v.Name, v => v.Value));

    /// <summary>Claude's folder name for a cwd: every UTF-16 unit outside [A-Za-z0-9] becomes '-', long names get a hash suffix.</summary>
    public static string FolderName(string cwd)
    {
        var sb = new StringBuilder(cwd.Length);
        foreach (var c in cwd) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        var name = sb.ToString();
        if (name.Length <= 200) return name;
        var h = 0;
        foreach (var c in cwd) h = unchecked(h * 31 + c);
        return name[..200] + "-" + ToBase36(Math.Abs((long)h));
    }

    private static string ToBase36(long v)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var sb = new StringBuilder();
        do { sb.Insert(0, digits[(int)(v % 36)]); v /= 36; } while (v > 0);
        return sb.ToString();
    }

    public string ProjectDir(string cwd, string? root = null)
    {
        var dir = Path.Combine(root ?? ClaudeHome, "projects", FolderName(cwd));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public string Write(string cwd, string id, IEnumerable<string> lines, string? root = null)
    {
        var path = Path.Combine(ProjectDir(cwd, root), id + ".jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string Ts() => new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero).AddMinutes(_n++).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    public static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    public string User(string id, string cwd, JsonNode content, bool sidechain = false, bool meta = false, string branch = "main", string version = "2.1.328", string? timestamp = null)
    {
        var o = new JsonObject
        {
            ["parentUuid"] = null,
            ["isSidechain"] = sidechain,
            ["userType"] = "external",
            ["cwd"] = cwd,
            ["sessionId"] = id,
            ["version"] = version,
            ["gitBranch"] = branch,
            ["type"] = "user",
            ["message"] = new JsonObject { ["role"] = "user", ["content"] = content },
        };
        if (meta) o["isMeta"] = true;
        o["uuid"] = Guid.NewGuid().ToString();
        o["timestamp"] = timestamp ?? Ts();
        return o.ToJsonString(Relaxed);
    }

    public string Prompt(string id, string cwd, string text, bool sidechain = false, bool meta = false, string branch = "main", string? timestamp = null) =>
        User(id, cwd, JsonValue.Create(text), sidechain, meta, branch, timestamp: timestamp);

    public string ToolResult(string id, string cwd, string output) =>
        User(id, cwd, new JsonArray(new JsonObject { ["tool_use_id"] = "toolu_1", ["type"] = "tool_result", ["content"] = output }));

    public string Assistant(string id, string cwd, string text, bool sidechain = false, string branch = "main", string version = "2.1.328", string? timestamp = null, string? messageId = null) => new JsonObject
    {
        ["parentUuid"] = Guid.NewGuid().ToString(),
        ["isSidechain"] = sidechain,
        ["userType"] = "external",
        ["cwd"] = cwd,
        ["sessionId"] = id,
        ["version"] = version,
        ["gitBranch"] = branch,
        ["message"] = new JsonObject
        {
            ["id"] = messageId ?? "msg_" + Guid.NewGuid().ToString("N"),
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = "claude-test",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            ["stop_reason"] = "end_turn",
        },
        ["requestId"] = "req_01",
        ["type"] = "assistant",
        ["uuid"] = Guid.NewGuid().ToString(),
        ["timestamp"] = timestamp ?? Ts(),
    }.ToJsonString(Relaxed);

    /// <summary>A progress line whose payload nests a whole user message (agent progress) — must not count.</summary>
    public string Progress(string id, string cwd) => new JsonObject
    {
        ["parentUuid"] = null,
        ["isSidechain"] = false,
        ["cwd"] = cwd,
        ["sessionId"] = id,
        ["type"] = "progress",
        ["data"] = new JsonObject
        {
            ["type"] = "agent_progress",
            ["message"] = new JsonObject { ["type"] = "user", ["message"] = new JsonObject { ["role"] = "user", ["content"] = "nested" } },
        },
        ["uuid"] = Guid.NewGuid().ToString(),
        ["timestamp"] = Ts(),
    }.ToJsonString(Relaxed);

    public static string QueueOp(string id) => new JsonObject { ["type"] = "queue-operation", ["operation"] = "enqueue", ["timestamp"] = "2026-07-01T09:59:00.000Z", ["sessionId"] = id }.ToJsonString(Relaxed);
    public static string PermissionMode(string id) => new JsonObject { ["type"] = "permission-mode", ["permissionMode"] = "default", ["sessionId"] = id }.ToJsonString(Relaxed);
    public static string AiTitle(string id, string title) => new JsonObject { ["type"] = "ai-title", ["aiTitle"] = title, ["sessionId"] = id }.ToJsonString(Relaxed);
    public static string CustomTitle(string id, string title) => new JsonObject { ["type"] = "custom-title", ["customTitle"] = title, ["sessionId"] = id }.ToJsonString(Relaxed);
    public static string Summary(string title) => new JsonObject { ["type"] = "summary", ["summary"] = title, ["leafUuid"] = Guid.NewGuid().ToString() }.ToJsonString(Relaxed);
    public static string Unknown() => new JsonObject { ["type"] = "brand-new-kind", ["payload"] = new JsonObject { ["type"] = "user" } }.ToJsonString(Relaxed);
}
