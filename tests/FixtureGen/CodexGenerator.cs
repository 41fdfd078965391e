using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

public sealed class CodexGenerator() : Generator("codex")
{
    // Rollouts, indexes and the state/history databases; never config.toml, auth.json, installation_id, logs_*.
    protected override void Capture(FixtureWriter writer, string home)
    {
        writer.CopyTree(".codex/sessions");
        foreach (var name in new[] { "session_index.jsonl", "history.jsonl" })
            if (File.Exists(Path.Combine(home, ".codex", name))) writer.CopyText(".codex/" + name);
        foreach (var db in Directory.EnumerateFiles(Path.Combine(home, ".codex"), "*.sqlite"))
            if (Path.GetFileName(db).StartsWith("state_", StringComparison.Ordinal)
                || Path.GetFileName(db).StartsWith("thread_history_", StringComparison.Ordinal))
                writer.DumpDatabase(".codex/" + Path.GetFileName(db));
    }

    protected override ExpectedSession Describe(string home, MadeSession made)
    {
        var file = Directory.EnumerateFiles(Path.Combine(home, ".codex", "sessions"), $"rollout-*-{made.Id}.jsonl", SearchOption.AllDirectories).Single();
        var count = JsonLines(file).Count(l => l["type"]?.GetValue<string>() == "event_msg"
            && l["payload"]?["type"]?.GetValue<string>() == "item_completed"
            && l["payload"]?["item"]?["type"]?.GetValue<string>() is "UserMessage" or "AgentMessage");
        var state = Directory.EnumerateFiles(Path.Combine(home, ".codex"), "state_*.sqlite").Single();
        using var db = OpenReadOnly(state);
        var title = Scalar<string>(db, "SELECT title FROM threads WHERE id = $id", ("$id", made.Id));
        return Expected(made, title, count);
    }

    protected override string MessageCountRule =>
        "event_msg lines of payload.type item_completed whose item.type is UserMessage or AgentMessage " +
        "(response_item messages also carry developer and <environment_context> items, so they are not counted).";

    protected override string TitleRule => "threads.title in state_5.sqlite.";
}
