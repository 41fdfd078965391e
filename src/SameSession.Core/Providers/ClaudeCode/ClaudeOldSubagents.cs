using System.Text;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>
/// The old flat layout kept subagent transcripts as <c>agent-&lt;id&gt;.jsonl</c> beside the main one. Their lines
/// carry the parent session's id, so the first <c>sessionId</c> in the head tells which session owns them.
/// </summary>
internal static class ClaudeOldSubagents
{
    private const int HeadBytes = 16 * 1024;

    public static Dictionary<string, List<ListedEntry>> ByParent(IReadOnlyList<ListedEntry> agentFiles, DiscoveryContext context)
    {
        var map = new Dictionary<string, List<ListedEntry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in agentFiles)
        {
            var parent = ParentId(file.FullPath, context);
            if (parent is null) continue;
            if (!map.TryGetValue(parent, out var list)) map[parent] = list = [];
            list.Add(file);
        }
        return map;
    }

    private static string? ParentId(string file, DiscoveryContext context)
    {
        try
        {
            using var handle = File.OpenHandle(file);
            var buffer = new byte[HeadBytes];
            var n = RandomAccess.Read(handle, buffer, 0);
            var head = buffer.AsSpan(0, n);
            var key = "\"sessionId\":\""u8;
            var i = head.IndexOf(key);
            if (i < 0) return null;
            var rest = head[(i + key.Length)..];
            var end = rest.IndexOf((byte)'"');
            return end <= 0 ? null : Encoding.UTF8.GetString(rest[..end]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(file, $"could not be read ({ex.Message}); not attached to a session.");
            return null;
        }
    }
}
