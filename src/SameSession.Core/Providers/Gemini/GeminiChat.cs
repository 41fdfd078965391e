using System.Text;
using System.Text.Json;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// The header and message tally of one Gemini chat file: the 2026 JSONL form (metadata line, message lines
/// deduplicated by id, {"$set":…} metadata updates, {"$rewindTo":id} truncations) or the legacy single JSON
/// ConversationRecord. MessageCount counts "user" and "gemini" messages; info/error/warning lines are not messages.
/// </summary>
internal sealed record GeminiChat
{
    public required string SessionId { get; init; }
    public string? ProjectHash { get; init; }
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
    public string? Summary { get; init; }
    public bool IsSubagent { get; init; }
    public int MessageCount { get; init; }
    public string? FirstPrompt { get; init; }

    public static GeminiChat? Read(string file, DiscoveryContext context) =>
        file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ReadJsonl(file, context) : ReadJson(file, context);

    private static GeminiChat? ReadJson(string file, DiscoveryContext context)
    {
        using var doc = JsonRead.TryParseFile(file, context);
        if (doc is null) return null;
        var messages = new Tally();
        if (doc.RootElement.Arr("messages") is { } list) messages.Replace(list);
        return Build(file, doc.RootElement.Clone(), messages, context);
    }

    private static GeminiChat? ReadJsonl(string file, DiscoveryContext context)
    {
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var messages = new Tally();
        var malformed = 0;
        var lineNo = 0;
        try
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonElement e;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    e = doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    malformed++;
                    continue;
                }
                if (e.ValueKind != JsonValueKind.Object) { malformed++; continue; }
                if (e.Str("$rewindTo") is { } target) messages.RewindTo(target);
                else if (e.Obj("$set") is { } set)
                {
                    foreach (var p in set.EnumerateObject()) metadata[p.Name] = p.Value;
                    if (set.Arr("messages") is { } replaced) messages.Replace(replaced);
                }
                else if (e.Str("type") is not null) messages.Add(e);
                else foreach (var p in e.EnumerateObject()) metadata[p.Name] = p.Value;
            }
        }
        catch (IOException ex)
        {
            context.Warn(file, $"could not be read ({ex.Message}); skipped");
            return null;
        }
        if (malformed > 0)
            context.Warn(file, $"{malformed} of {lineNo} lines are malformed or truncated JSON and were ignored");
        var header = JsonSerializer.SerializeToElement(metadata);
        return Build(file, header, messages, context);
    }

    private static GeminiChat? Build(string file, JsonElement header, Tally messages, DiscoveryContext context)
    {
        if (header.Str("sessionId") is not { Length: > 0 } id)
        {
            context.Warn(file, "no sessionId in the chat's metadata; skipped");
            return null;
        }
        return new GeminiChat
        {
            SessionId = id,
            ProjectHash = header.Str("projectHash"),
            Started = JsonRead.Iso(header.Str("startTime")),
            LastUpdated = JsonRead.Iso(header.Str("lastUpdated")),
            Summary = header.Str("summary"),
            IsSubagent = header.Str("kind") == "subagent",
            MessageCount = messages.Count,
            FirstPrompt = messages.FirstPrompt,
        };
    }

    /// <summary>Messages in order, an id-bearing line replacing the earlier line with the same id (running snapshots).</summary>
    private sealed class Tally
    {
        private readonly List<(string? Id, string Type, string? Text)> _items = [];

        public int Count => _items.Count(i => i.Type is "user" or "gemini");

        public string? FirstPrompt => _items.FirstOrDefault(i => i.Type == "user" && i.Text is not null).Text;

        public void Add(JsonElement m)
        {
            var type = m.Str("type")!;
            var item = (m.Str("id"), type, type == "user" ? JsonRead.Prompt(ContentText(m.Prop("content"))) : null);
            var at = item.Item1 is null ? -1 : _items.FindIndex(i => i.Id == item.Item1);
            if (at >= 0) _items[at] = item;
            else _items.Add(item);
        }

        public void Replace(JsonElement list)
        {
            _items.Clear();
            foreach (var m in list.EnumerateArray())
                if (m.Str("type") is not null) Add(m);
        }

        public void RewindTo(string id)
        {
            var at = _items.FindIndex(i => i.Id == id);
            _items.RemoveRange(Math.Max(at, 0), _items.Count - Math.Max(at, 0));
        }

        private static string? ContentText(JsonElement? content) => content switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Object } o => o.Str("text"),
            { ValueKind: JsonValueKind.Array } a => string.Join("\n", a.EnumerateArray().Select(p => ContentText(p)).Where(t => t is not null)),
            _ => null,
        };
    }
}
