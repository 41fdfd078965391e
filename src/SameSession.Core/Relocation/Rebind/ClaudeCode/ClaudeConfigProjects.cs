using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SameSession.Core.Relocation.Rebind.ClaudeCode;

/// <summary>
/// <c>~/.claude.json</c> keeps per-directory settings in <c>projects["&lt;abs path&gt;"]</c> (trust, allowed tools,
/// MCP servers). A moved session's new directory gets a copy of the old entry; an entry already there is merged
/// (its own values win) and never replaced. Only the projects object changes; every other byte is kept.
/// </summary>
internal static class ClaudeConfigProjects
{
    public static bool HasEntry(byte[] json, string key) => Locate(json, key).Found is not null;

    /// <summary>The new file content, or null when nothing needs to change.</summary>
    public static byte[]? CopyEntry(byte[] json, string fromKey, string toKey)
    {
        var loc = Locate(json, fromKey, toKey);
        if (loc.Found is not { } from) return null;
        var fromValue = json.AsSpan(from.ValueStart, from.ValueEnd - from.ValueStart);
        var output = new ArrayBufferWriter<byte>(json.Length + fromValue.Length + 64);
        if (loc.Other is { } existing)
        {
            var merged = Merge(json.AsSpan(existing.ValueStart, existing.ValueEnd - existing.ValueStart), fromValue);
            if (merged is null) return null;
            Put(output, json.AsSpan(0, existing.ValueStart));
            Put(output, merged);
            Put(output, json.AsSpan(existing.ValueEnd));
            return output.WrittenSpan.ToArray();
        }
        // Insert after the last member, copying the spacing the file already uses between members.
        var last = loc.Last!.Value;
        var indent = json.AsSpan(loc.LastSeparatorEnd, last.NameStart - loc.LastSeparatorEnd);
        var colon = json.AsSpan(from.NameEnd, from.ValueStart - from.NameEnd);
        Put(output, json.AsSpan(0, last.ValueEnd));
        Put(output, ","u8);
        Put(output, indent);
        Put(output, JsonSerializer.SerializeToUtf8Bytes(toKey));
        Put(output, colon);
        Put(output, fromValue);
        Put(output, json.AsSpan(last.ValueEnd));
        return output.WrittenSpan.ToArray();
    }

    private static byte[]? Merge(ReadOnlySpan<byte> existing, ReadOnlySpan<byte> incoming)
    {
        if (JsonNode.Parse(existing) is not JsonObject target || JsonNode.Parse(incoming) is not JsonObject source) return null;
        var added = false;
        foreach (var (k, v) in source)
        {
            if (target.ContainsKey(k)) continue;
            target[k] = v?.DeepClone();
            added = true;
        }
        return added ? Encoding.UTF8.GetBytes(target.ToJsonString(new JsonSerializerOptions { WriteIndented = true })) : null;
    }

    private readonly record struct Member(int NameStart, int NameEnd, int ValueStart, int ValueEnd);

    private sealed record Location(Member? Found, Member? Other, Member? Last, int LastSeparatorEnd);

    /// <summary>Finds projects[fromKey], projects[otherKey] and the last member of projects, by byte offsets.</summary>
    private static Location Locate(byte[] json, string fromKey, string? otherKey = null)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Member? found = null, other = null, last = null;
        var lastSeparatorEnd = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return new(null, null, null, 0);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isProjects = reader.ValueTextEquals("projects"u8);
            reader.Read();
            if (!isProjects || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            var previousEnd = (int)reader.TokenStartIndex + 1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex;
                var name = reader.GetString();
                var nameEnd = nameStart + reader.ValueSpan.Length + 2;
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var member = new Member(nameStart, nameEnd, valueStart, (int)reader.BytesConsumed);
                if (name == fromKey) found = member;
                if (otherKey is not null && name == otherKey) other = member;
                // The spacing before a member starts after the previous member's comma (or the opening brace).
                var gapStart = previousEnd;
                var comma = json.AsSpan(previousEnd, nameStart - previousEnd).IndexOf((byte)',');
                if (comma >= 0) gapStart = previousEnd + comma + 1;
                last = member;
                lastSeparatorEnd = gapStart;
                previousEnd = member.ValueEnd;
            }
            break;
        }
        return new(found, other, last, lastSeparatorEnd);
    }

    private static void Put(ArrayBufferWriter<byte> w, ReadOnlySpan<byte> b)
    {
        b.CopyTo(w.GetSpan(b.Length));
        w.Advance(b.Length);
    }
}
