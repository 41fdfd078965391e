using System.Text.Json;
using SameSession.Core.Infrastructure;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Relocation.Rebind.ClaudeCode;

/// <summary>
/// <c>history.jsonl</c>: the prompts of one moved session get its new project. Every session's prompts live in this
/// one file, so the edits of a group's sessions are merged into a single pass over it.
/// </summary>
internal sealed class ClaudeHistoryEdit(string path, string sessionId, PathMap map) : SharedFileEdit
{
    private string SessionIdToMove { get; } = sessionId;
    private PathMap Map { get; } = map;

    /// <summary>Whether any line of the history belongs to the session (the file is read once per batch and version).</summary>
    public static bool HasLines(FileFacts facts, string path, string sessionId) =>
        facts.Get(path, "claude history sessions", ReadSessionIds)?.Contains(sessionId) == true;

    public override Action<Stream> Merge(IReadOnlyList<SharedFileEdit> edits)
    {
        var rewriters = new Dictionary<string, JsonLineRewriter>(StringComparer.Ordinal);
        foreach (var e in edits.Cast<ClaudeHistoryEdit>())
            rewriters.TryAdd(e.SessionIdToMove, new JsonLineRewriter(e.Map, ClaudeRewriteRules.History));
        return output =>
        {
            using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            JsonlRewriter.Rewrite(input, output, line => SessionId(line) is { } id ? rewriters.GetValueOrDefault(id) : null);
        };
    }

    private static HashSet<string> ReadSessionIds(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        var visitor = new IdCollector(new HashSet<string>(StringComparer.Ordinal));
        JsonlLines.Scan(handle, ref visitor);
        return visitor.Ids;
    }

    private readonly struct IdCollector(HashSet<string> ids) : IJsonlLineVisitor
    {
        public HashSet<string> Ids => ids;

        public void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated)
        {
            if (SessionId(line) is { } id) ids.Add(id);
        }
    }

    /// <summary>The top-level "sessionId" of a history line, or null (not an object, no such string, not JSON).</summary>
    private static string? SessionId(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf("\"sessionId\""u8) < 0) return null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("sessionId"u8);
                reader.Read();
                if (isId) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) // InvalidOperation: a lone surrogate or bad UTF-8 in the id
        {
            return null;
        }
    }
}
