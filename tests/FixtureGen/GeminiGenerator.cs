using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

public sealed class GeminiGenerator() : Generator("gemini")
{
    // Chats, ownership markers and the project registry; never settings.json or credentials.
    protected override void Capture(FixtureWriter writer, string home)
    {
        writer.CopyText(".gemini/projects.json");
        writer.CopyTree(".gemini/tmp", f => !f.EndsWith("shell_history", StringComparison.Ordinal));
        writer.CopyTree(".gemini/history");
    }

    protected override ExpectedSession Describe(string home, MadeSession made)
    {
        var prefix = made.Id[..8];
        var files = Directory.EnumerateFiles(Path.Combine(home, ".gemini", "tmp"), $"session-*-{prefix}.jsonl", SearchOption.AllDirectories).ToList();
        var records = files.SelectMany(JsonLines).ToList();
        var count = records.Where(r => r["type"]?.GetValue<string>() is "user" or "gemini")
            .Select(r => r["id"]!.GetValue<string>()).Distinct().Count();
        var title = records.Select(r => (r["summary"] ?? r["$set"]?["summary"])?.GetValue<string>()).LastOrDefault(s => s is not null)
            ?? made.Prompts[0];
        return Expected(made, title, count);
    }

    protected override string MessageCountRule =>
        "Top-level records of type user|gemini (distinct ids) in the session's chats/session-*.jsonl; the " +
        "session-context message inside a $set.messages checkpoint is not counted.";

    protected override string TitleRule => "The metadata summary if any, else the first user prompt.";

    protected override IReadOnlyList<string> Notes =>
    [
        "Made with the real gemini CLI against the stand-in (GOOGLE_GEMINI_BASE_URL, -m mock-model).",
        "projectHash in the metadata line is sha256 of the ORIGINAL absolute cwd; it is not used for lookup and is not a placeholder.",
    ];
}
