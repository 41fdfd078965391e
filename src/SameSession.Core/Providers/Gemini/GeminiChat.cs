using System.Text;
using System.Text.Json;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// The header and message tally of one Gemini chat file: the 2026 JSONL form (metadata line, message lines
/// deduplicated by id, {"$set":…} metadata updates, {"$rewindTo":id} truncations) or the legacy single JSON
/// ConversationRecord. MessageCount counts "user" and "gemini" messages among the top-level message lines (as the
/// real-CLI fixtures count them); info/error/warning lines are not messages, and a {"$set":{"messages":[…]}}
/// checkpoint (which also carries Gemini's session-context message) is used only when a file has no message lines.
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
        var checkpoint = new Tally();
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
                    if (set.Arr("messages") is { } replaced) checkpoint.Replace(replaced);
                }
                else if (e.Str("id") is not null) messages.Add(e);
                // A resume in the same minute appends a second metadata line; the first one's startTime is the session's.
                else if (e.Str("sessionId") is not null) foreach (var p in e.EnumerateObject()) metadata.TryAdd(p.Name, p.Value);
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
        return Build(file, header, messages.Count > 0 || checkpoint.Count == 0 ? messages : checkpoint, context);
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
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public int Count => _items.Count(i => i.Type is "user" or "gemini");

        public string? FirstPrompt => _items.FirstOrDefault(i => i.Type == "user" && i.Text is not null).Text;

        public void Add(JsonElement m)
        {
            var id = m.Str("id");
            var type = m.Str("type") ?? "";
            var text = type == "user" ? JsonRead.Prompt(ContentText(m.Prop("content"))) : null;
            // Gemini's own environment preamble is stored as a user message; it is not a prompt.
            if (text is not null && text.StartsWith("<session_context>", StringComparison.Ordinal)) (type, text) = ("context", null);
            var item = (id, type, text);
            if (id is not null && _index.TryGetValue(id, out var at))
            {
                _items[at] = item;
                return;
            }
            if (id is not null) _index[id] = _items.Count;
            _items.Add(item);
        }

        public void Replace(JsonElement list)
        {
            _items.Clear();
            _index.Clear();
            foreach (var m in list.EnumerateArray())
                if (m.Str("id") is not null) Add(m);
        }

        /// <summary>Drops the message with that id and everything after it; an unknown id drops everything, as Gemini does.</summary>
        public void RewindTo(string id)
        {
            var at = _index.TryGetValue(id, out var found) ? found : 0;
            foreach (var removed in _items.Skip(at))
                if (removed.Id is not null) _index.Remove(removed.Id);
            _items.RemoveRange(at, _items.Count - at);
        }

        private static string? ContentText(JsonElement? content) => content switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Object } o => o.Str("text"),
            { ValueKind: JsonValueKind.Array } a => string.Concat(a.EnumerateArray().Select(p => ContentText(p)).Where(t => t is not null)),
            _ => null,
        };
    }
}
