using SameSession.Core.Infrastructure;
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
    /// <summary>The keys of the projects object (empty when the file has none or is not a JSON object).</summary>
    public static HashSet<string> Keys(byte[] json)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        EachProject(json, (name, _, _) => keys.Add(name));
        return keys;
    }

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
        Put(output, JsonSerializer.SerializeToUtf8Bytes(toKey, CoreJsonContext.Default.String));
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
        Member? found = null, other = null, last = null;
        var lastSeparatorEnd = 0;
        EachProject(json, (name, member, separatorEnd) =>
        {
            if (name == fromKey) found = member;
            if (otherKey is not null && name == otherKey) other = member;
            last = member;
            lastSeparatorEnd = separatorEnd;
        });
        return new(found, other, last, lastSeparatorEnd);
    }

    /// <summary>Calls <paramref name="visit"/> for each member of the top-level projects object with its offsets and
    /// where the spacing before it starts (after the previous member's comma, or the opening brace).</summary>
    private static void EachProject(byte[] json, Action<string, Member, int> visit)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
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
                var name = reader.GetString()!;
                var nameEnd = nameStart + reader.ValueSpan.Length + 2;
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var member = new Member(nameStart, nameEnd, valueStart, (int)reader.BytesConsumed);
                var gapStart = previousEnd;
                var comma = json.AsSpan(previousEnd, nameStart - previousEnd).IndexOf((byte)',');
                if (comma >= 0) gapStart = previousEnd + comma + 1;
                visit(name, member, gapStart);
                previousEnd = member.ValueEnd;
            }
            return;
        }
    }

    private static void Put(ArrayBufferWriter<byte> w, ReadOnlySpan<byte> b)
    {
        b.CopyTo(w.GetSpan(b.Length));
        w.Advance(b.Length);
    }
}
