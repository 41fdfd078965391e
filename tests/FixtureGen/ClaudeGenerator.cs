using System.Text.Json.Nodes;
using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

public sealed class ClaudeGenerator() : Generator("claude")
{
    // Only transcripts (and their per-session folders); never ~/.claude.json, backups, settings or credentials.
    protected override void Capture(FixtureWriter writer, string home) => writer.CopyTree(".claude/projects");

    protected override ExpectedSession Describe(string home, MadeSession made)
    {
        var file = Directory.EnumerateFiles(Path.Combine(home, ".claude", "projects"), made.Id + ".jsonl", SearchOption.AllDirectories).Single();
        var lines = JsonLines(file).ToList();
        var conversation = lines.Where(IsConversationMessage).ToList();
        // Streaming can split one assistant message over several lines that share message.id.
        var count = conversation.Select(l => l["type"]!.GetValue<string>() == "assistant"
            ? "a:" + l["message"]?["id"]?.GetValue<string>() : "u:" + l["uuid"]!.GetValue<string>()).Distinct().Count();
        var title = lines.LastOrDefault(l => l["type"]?.GetValue<string>() is "custom-title" or "ai-title" or "summary") is { } t
            ? (t["customTitle"] ?? t["aiTitle"] ?? t["title"] ?? t["summary"])?.GetValue<string>() ?? made.Prompts[0]
            : made.Prompts[0];
        return Expected(made, title, count);
    }

    private static bool IsConversationMessage(JsonNode line)
    {
        var type = line["type"]?.GetValue<string>();
        if (type is not ("user" or "assistant")) return false;
        if (line["isMeta"]?.GetValue<bool>() == true || line["isSidechain"]?.GetValue<bool>() == true) return false;
        // Tool results travel as user lines; they are not a user message.
        return line["message"]?["content"] is not JsonArray parts
            || !parts.Any(p => p?["type"]?.GetValue<string>() == "tool_result");
    }

    protected override string MessageCountRule =>
        "Lines of type user|assistant in the transcript, excluding isMeta, isSidechain and tool_result-only user lines; " +
        "assistant lines sharing one message.id count once.";

    protected override string TitleRule =>
        "The last custom-title/ai-title/summary line if any, else the first user prompt (claude -p writes no title line).";
}
