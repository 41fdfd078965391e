using SameSession.Core.Infrastructure;
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
        var scan = new LineScan { Messages = new Tally(), Checkpoint = new Tally(), Metadata = metadata };
        try
        {
            using var handle = RecordedLines<object>.Open(file);
            JsonlLines.Scan(handle, ref scan);
        }
        catch (IOException ex)
        {
            context.Warn(file, $"could not be read ({ex.Message}); skipped");
            return null;
        }
        if (scan.Malformed > 0)
            context.Warn(file, $"{scan.Malformed} of {scan.Lines} lines are malformed or truncated JSON and were ignored");
        var header = JsonSerializer.SerializeToElement(metadata, CoreJsonContext.Default.DictionaryStringJsonElement);
        return Build(file, header, scan.Messages.Count > 0 || scan.Checkpoint.Count == 0 ? scan.Messages : scan.Checkpoint, context);
    }

    /// <summary>
    /// One pass over the file's bytes: message lines are only tokenized (id and type read, the large content of
    /// replies skipped); user prompts, metadata and $set lines, which are small, are parsed.
    /// </summary>
    private struct LineScan : IJsonlLineVisitor
    {
        public Tally Messages;
        public Tally Checkpoint;
        public Dictionary<string, JsonElement> Metadata;
        public int Lines;
        public int Malformed;

        public void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated)
        {
            Lines++;
            if (line.Trim((byte)' ').IsEmpty || (line.Length == 1 && line[0] == (byte)'\r')) return;
            if (clipped || Peek(line) is not { } top)
            {
                Malformed++;
                return;
            }
            if (top.RewindTo is { } target) Messages.RewindTo(target);
            else if (top.Id is not null && top.Type != "user") Messages.Add(top.Id, top.Type ?? "", null);
            else if (top.Id is not null || top.IsSet || top.IsMetadata) Parsed(line);
        }

        private readonly void Parsed(ReadOnlySpan<byte> line)
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            var e = doc.RootElement;
            if (e.Obj("$set") is { } set)
            {
                foreach (var p in set.EnumerateObject()) Metadata[p.Name] = p.Value.Clone();
                if (set.Arr("messages") is { } replaced) Checkpoint.Replace(replaced);
            }
            else if (e.Str("id") is not null) Messages.Add(e);
            // A resume in the same minute appends a second metadata line; the first one's startTime is the session's.
            else foreach (var p in e.EnumerateObject()) Metadata.TryAdd(p.Name, p.Value.Clone());
        }

        /// <summary>The line's top-level id/type/$rewindTo and whether it is a $set or a metadata line; null when it is not valid JSON.</summary>
        private static (string? Id, string? Type, string? RewindTo, bool IsSet, bool IsMetadata)? Peek(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line);
            string? id = null, type = null, rewind = null;
            bool isSet = false, isMetadata = false;
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueSpan;
                    reader.Read();
                    var str = reader.TokenType == JsonTokenType.String;
                    if (name.SequenceEqual("id"u8) && str) id = reader.GetString();
                    else if (name.SequenceEqual("type"u8) && str) type = reader.GetString();
                    else if (name.SequenceEqual("$rewindTo"u8) && str) rewind = reader.GetString();
                    else if (name.SequenceEqual("$set"u8)) isSet = reader.TokenType == JsonTokenType.StartObject;
                    else if (name.SequenceEqual("sessionId"u8)) isMetadata = str;
                    reader.Skip();
                }
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
            }
            catch (JsonException)
            {
                return null;
            }
            return (id, type, rewind, isSet, isMetadata);
        }
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
            var type = m.Str("type") ?? "";
            Add(m.Str("id"), type, type == "user" ? JsonRead.Prompt(ContentText(m.Prop("content"))) : null);
        }

        public void Add(string? id, string type, string? text)
        {
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
            { ValueKind: JsonValueKind.String } s => LenientJsonString.Of(s),
            { ValueKind: JsonValueKind.Object } o => o.Str("text"),
            { ValueKind: JsonValueKind.Array } a => string.Concat(a.EnumerateArray().Select(p => ContentText(p)).Where(t => t is not null)),
            _ => null,
        };
    }
}
