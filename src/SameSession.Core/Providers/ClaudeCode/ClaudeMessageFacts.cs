using System.Text.Json;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>
/// The two counting rules that need a look inside <c>message</c>: a user line made only of tool results is not a
/// conversation message, and assistant lines that split one API message (one line per content block) share its id.
/// </summary>
internal static class ClaudeMessageFacts
{
    private static ReadOnlySpan<byte> MessageId => "\"message\":{\"id\":\""u8;

    private static ReadOnlySpan<byte> UserContent => "\"message\":{\"role\":\"user\",\"content\":"u8;
    private static ReadOnlySpan<byte> TypeKey => "\"type\":\""u8;

    /// <summary>True when message.content is a non-empty array of tool_result blocks only.</summary>
    public static bool IsToolResultOnly(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf("\"tool_result\""u8) < 0) return false;
        return FastToolResultOnly(line) ?? SlowToolResultOnly(line);
    }

    /// <summary>
    /// The compact layout Claude Code writes (<c>"message":{"role":"user","content":[…]</c>): walks the content
    /// blocks, skipping their bodies with quote searches. Null when the line is laid out differently.
    /// </summary>
    private static bool? FastToolResultOnly(ReadOnlySpan<byte> line)
    {
        var at = JsonDepthCursor.FindTopLevel(line, UserContent);
        if (at < 0) return null;
        var start = at + UserContent.Length;
        if (start >= line.Length || line[start] != (byte)'[') return false;
        var pos = start + 1;
        var any = false;
        while (pos < line.Length)
        {
            switch (line[pos])
            {
                case (byte)']': return any;
                case (byte)',': pos++; continue;
                case (byte)'{':
                    var end = JsonDepthCursor.SkipValue(line, pos);
                    if (end < 0) return null;
                    if (!IsToolResultBlock(line[pos..end])) return false;
                    any = true;
                    pos = end;
                    continue;
                default: return null;
            }
        }
        return null;
    }

    private static bool IsToolResultBlock(ReadOnlySpan<byte> block)
    {
        var at = JsonDepthCursor.FindTopLevel(block, TypeKey);
        return at >= 0 && block[(at + TypeKey.Length)..].StartsWith("tool_result\""u8);
    }

    /// <summary>Moves the reader onto the value of message.&lt;property&gt; of a line; false when there is none.</summary>
    private static bool SeekMessageProperty(ref Utf8JsonReader r, ReadOnlySpan<byte> property)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!r.ValueTextEquals("message"u8)) { r.Skip(); continue; }
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) return false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (!r.ValueTextEquals(property)) { r.Skip(); continue; }
                return r.Read();
            }
            return false;
        }
        return false;
    }

    private static bool SlowToolResultOnly(ReadOnlySpan<byte> line)
    {
        try
        {
            var r = new Utf8JsonReader(line);
            return SeekMessageProperty(ref r, "content"u8) && r.TokenType == JsonTokenType.StartArray && AllToolResults(ref r);
        }
        catch (JsonException)
        {
            // A malformed line is not provably a tool result; it counts.
        }
        return false;
    }

    private static bool AllToolResults(ref Utf8JsonReader r)
    {
        var any = false;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) return false;
            var toolResult = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type"u8))
                {
                    r.Read();
                    toolResult = r.TokenType == JsonTokenType.String && r.ValueTextEquals("tool_result"u8);
                }
                else r.Skip();
            }
            if (!toolResult) return false;
            any = true;
        }
        return any;
    }

    /// <summary>A 64-bit hash of message.id of an assistant line, or null when it has none.</summary>
    public static ulong? AssistantMessageIdHash(ReadOnlySpan<byte> line)
    {
        var id = FastMessageId(line);
        if (id.IsEmpty) id = SlowMessageId(line);
        return id.IsEmpty ? null : Fnv1a(id);
    }

    // Claude Code writes "message":{"id":"msg_…" — the id is message's first key.
    private static ReadOnlySpan<byte> FastMessageId(ReadOnlySpan<byte> line)
    {
        var at = JsonDepthCursor.FindTopLevel(line, MessageId);
        if (at < 0) return default;
        var rest = line[(at + MessageId.Length)..];
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        return end > 0 && rest[end] == (byte)'"' ? rest[..end] : default;
    }

    private static ReadOnlySpan<byte> SlowMessageId(ReadOnlySpan<byte> line)
    {
        try
        {
            var r = new Utf8JsonReader(line);
            return SeekMessageProperty(ref r, "id"u8) && r.TokenType == JsonTokenType.String && !r.ValueIsEscaped ? r.ValueSpan : default;
        }
        catch (JsonException)
        {
        }
        return default;
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var h = 14695981039346656037UL;
        foreach (var b in bytes) h = (h ^ b) * 1099511628211UL;
        return h;
    }
}
