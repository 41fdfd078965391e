using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.ClaudeCode;

namespace SameSession.Tests.Unit.Discovery;

/// <summary>The byte scanner must agree with a full JSON parse on every line, whatever the nesting and escaping.</summary>
public sealed class TranscriptScanTests
{
    private static readonly string[] Types = ["user", "assistant", "progress", "summary", "ai-title", "custom-title", "system", "attachment", "message", "text", "tool_result"];
    private static readonly string[] Texts = ["plain", "with \"type\":\"user\" quoted", "back\\slash\\", "\\\"type\\\":\\\"assistant\\\"", "{\"type\":\"user\",\"isSidechain\":true}", "日本語 🚀", "\n\t", ""];

    private static JsonNode RandomValue(Random r, int depth)
    {
        var pick = depth > 3 ? r.Next(3) : r.Next(6);
        return pick switch
        {
            0 => JsonValue.Create(Texts[r.Next(Texts.Length)])!,
            1 => JsonValue.Create(r.Next(2) == 0)!,
            2 => JsonValue.Create(r.Next(1000))!,
            3 => RandomObject(r, depth + 1, topLevel: false),
            4 => new JsonArray(Enumerable.Range(0, r.Next(3)).Select(_ => RandomValue(r, depth + 1)).ToArray()),
            _ => JsonValue.Create(Types[r.Next(Types.Length)])!,
        };
    }

    private static JsonObject RandomObject(Random r, int depth, bool topLevel)
    {
        var o = new JsonObject();
        var keys = new[] { "type", "isSidechain", "isMeta", "message", "data", "cwd", "content", "toolUseResult", "uuid" }
            .OrderBy(_ => r.Next()).Take(r.Next(1, 9));
        foreach (var k in keys)
        {
            o[k] = k switch
            {
                "type" => JsonValue.Create(Types[r.Next(Types.Length)]),
                "isSidechain" or "isMeta" => JsonValue.Create(r.Next(2) == 0),
                _ => RandomValue(r, depth),
            };
        }
        _ = topLevel;
        return o;
    }

    private static (ClaudeLineKind Kind, bool Sidechain, bool Meta) Reference(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var kind = ClaudeTranscriptScan.KindOf(type);
        var side = root.TryGetProperty("isSidechain", out var s) && s.ValueKind == JsonValueKind.True;
        var meta = root.TryGetProperty("isMeta", out var m) && m.ValueKind == JsonValueKind.True;
        return kind is ClaudeLineKind.User or ClaudeLineKind.Assistant ? (kind, side, meta) : (kind, false, false);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Classify_agrees_with_full_parse_on_random_lines(int seed)
    {
        var r = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            var line = RandomObject(r, 1, topLevel: true).ToJsonString();
            var expected = Reference(line);
            var kind = ClaudeTranscriptScan.Classify(Encoding.UTF8.GetBytes(line), out var side, out var meta);
            Assert.True(expected == (kind, side, meta), $"line {i}: expected {expected}, got {(kind, side, meta)} for {line}");
        }
    }

    private static JsonArray ToolResults(Random r) => new(Enumerable.Range(0, r.Next(3)).Select(_ => (JsonNode)new JsonObject
    {
        ["tool_use_id"] = "t",
        ["type"] = r.Next(4) == 0 ? "text" : "tool_result",
        ["content"] = r.Next(2) == 0 ? JsonValue.Create(Texts[r.Next(Texts.Length)]) : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Texts[r.Next(Texts.Length)] }),
    }).ToArray());

    [Fact]
    public void Spaced_json_takes_the_slow_path_and_still_classifies()
    {
        const string line = "{ \"isSidechain\": false, \"type\": \"user\", \"isMeta\": true, \"message\": { \"type\": \"assistant\" } }";
        Assert.Equal(ClaudeLineKind.User, ClaudeTranscriptScan.Classify(Encoding.UTF8.GetBytes(line), out var side, out var meta));
        Assert.False(side);
        Assert.True(meta);
    }

    /// <summary>The counting rules of the compat fixtures, applied with a full parse.</summary>
    private static bool Counts(string line, HashSet<string> assistantIds)
    {
        var (kind, side, meta) = Reference(line);
        if (kind is not (ClaudeLineKind.User or ClaudeLineKind.Assistant) || side || meta) return false;
        using var doc = JsonDocument.Parse(line);
        var message = doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        if (kind == ClaudeLineKind.User)
        {
            var toolResultOnly = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var c)
                && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0
                && c.EnumerateArray().All(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "tool_result");
            return !toolResultOnly;
        }
        var id = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return id is null || assistantIds.Add(id);
    }

    [Fact]
    public void Whole_file_count_matches_full_parse_across_buffer_growth_and_crlf()
    {
        using var tmp = new TempDir("scan");
        var r = new Random(7);
        var sb = new StringBuilder();
        var expected = 0;
        var ids = new HashSet<string>();
        for (var i = 0; i < 1500; i++)
        {
            var o = RandomObject(r, 1, topLevel: true);
            if (i % 200 == 0) o["content"] = new string('x', 700_000); // lines longer than the initial buffer
            if (i % 7 == 0) o["message"] = new JsonObject { ["id"] = "msg_" + r.Next(5), ["content"] = ToolResults(r) };
            if (i % 7 == 3) o["message"] = new JsonObject { ["role"] = "user", ["content"] = ToolResults(r) }; // Claude's own layout: the fast path
            var line = o.ToJsonString();
            if (Counts(line, ids)) expected++;
            sb.Append(line).Append(i % 3 == 0 ? "\r\n" : "\n");
        }
        var path = tmp.Combine("t.jsonl");
        File.WriteAllText(path, sb.ToString());

        using var handle = File.OpenHandle(path);
        var scan = new ClaudeTranscriptScan();
        JsonlLines.Scan(handle, ref scan);
        Assert.Equal(expected, scan.MessageCount);
        Assert.Equal(1500, scan.LineCount);
    }

    [Fact]
    public void Lines_beyond_the_cap_are_clipped_and_the_following_lines_still_read()
    {
        using var tmp = new TempDir("clip");
        var path = tmp.Combine("t.jsonl");
        var big = "{\"type\":\"user\",\"content\":\"" + new string('y', 5000) + "\"}";
        File.WriteAllText(path, big + "\n{\"type\":\"assistant\"}\n{\"type\":\"user\"}");
        using var handle = File.OpenHandle(path);
        var v = new Collect();
        JsonlLines.Scan(handle, ref v, maxLineBytes: 1024);
        Assert.Equal([(0L, (long)big.Length, true, false), (big.Length + 1L, 20L, false, false), (big.Length + 22L, 15L, false, true)], v.Lines);
    }

    private struct Collect : IJsonlLineVisitor
    {
        public Collect() { }
        public List<(long, long, bool, bool)> Lines { get; } = [];
        public void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated) =>
            Lines.Add((offset, length, clipped, unterminated));
    }
}

public sealed class CodexRolloutScanTests
{
    [Theory]
    [InlineData("{\"timestamp\":\"t\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<environment_context>x\"}]}}", true)]
    [InlineData("{\"timestamp\":\"t\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"\\u003cenvironment_context\\u003ex\"}]}}", true)]
    [InlineData("{\"timestamp\":\"t\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"# AGENTS.md instructions\"}]}}", true)]
    [InlineData("{\"timestamp\":\"t\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<div> please fix\"}]}}", false)]
    public void Injected_context_is_recognised_escaped_or_not(string line, bool injected)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        Assert.Equal(SameSession.Core.Providers.Codex.CodexRolloutScan.Roles.User, SameSession.Core.Providers.Codex.CodexRolloutScan.Role(bytes));
        Assert.Equal(injected, SameSession.Core.Providers.Codex.CodexRolloutScan.IsInjectedContext(bytes));
    }

    [Fact]
    public void Kind_is_the_type_after_the_timestamp_not_a_nested_one()
    {
        var line = "{\"timestamp\":\"2026-07-01T19:19:37.885Z\",\"type\":\"turn_context\",\"payload\":{\"type\":\"session_meta\"}}"u8;
        Assert.True(SameSession.Core.Providers.Codex.CodexRolloutScan.Kind(line).SequenceEqual("turn_context"u8));
    }
}

public sealed class TopLevelFieldsTests
{
    [Theory]
    [InlineData("{\"cwd\":\"/a\",\"message\":{\"cwd\":\"/nested\"},\"x\":1}", "/a")]
    [InlineData("{\"message\":{\"cwd\":\"/nested\"},\"cwd\":\"/top\"}", "/top")]
    [InlineData("{\"cwd\":\"C:\\\\Users\\\\me \\u00fc\",\"t\":\"\\\"cwd\\\":\\\"/fake\\\"\"}", "C:\\Users\\me ü")]
    [InlineData("{\"message\":{\"cwd\":\"/only-nested\"}}", null)]
    [InlineData("{\"cwd\":42}", null)]
    public void Reads_the_top_level_string_from_the_end(string line, string? expected) =>
        Assert.Equal(expected, SameSession.Core.Infrastructure.TopLevelFields.LastString(System.Text.Encoding.UTF8.GetBytes(line), "cwd"));
}
