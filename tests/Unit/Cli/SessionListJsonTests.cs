using System.Text;
using System.Text.Json;
using SameSession.Cli;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Cli;

public class SessionListJsonTests
{
    private static readonly AgentSession Full = new()
    {
        Provider = AgentProvider.OpenCode,
        Id = "ses_0123456789abcdef",
        Title = "Fix \"quoted\" <tags> & ünïcødé ✓ \u0001",
        Directory = "/home/u/src/my repo",
        ProjectRoot = "/home/u/src/my repo",
        ProjectId = "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        GitBranch = "feature/x",
        Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)),
        Updated = new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero),
        MessageCount = 42,
        SizeBytes = 1L << 40,
        ProviderVersion = "1.18.33",
        IsOrphaned = true,
        IsLive = true,
        IsArchived = true,
        Note = "zstd-compressed rollout",
        FirstPrompt = "line one\nline two\ttab \\ backslash",
        Files = ["/a/b.jsonl", "C:\\Users\\u\\x.json"],
        Home = "/home/u/.local/share/opencode",
    };

    private static readonly AgentSession Sparse = new() { Provider = AgentProvider.ClaudeCode, Id = "4f1c2a77-0000-4000-8000-000000000001" };

    [Fact]
    public void Hand_written_session_json_equals_the_serializer_output_for_every_property()
    {
        // The generated contract covers every public property, so a property added to AgentSession and not to the
        // writer makes these differ.
        IReadOnlyList<AgentSession>[] lists =
        [
            [], [Sparse], [Full, Sparse, Full with { Created = null, Files = [] }],
            [Full with { Title = PrintableAscii(), FirstPrompt = "emoji \U0001F600, DEL \u007f, C1 \u0085, NBSP \u00a0, BOM \ufeff, lone \ud800 surrogate", Files = ["\u2028\u2029", ""] }],
            [Full with { Title = new string('x', 200_000), Note = "ünï" + new string('\u00e9', 70_000) }],
            [Sparse with { Created = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromMinutes(-330)).AddTicks(1), Updated = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(14)).AddTicks(1_234_500) }],
            [.. Enumerable.Range(0, 3000).Select(i => Full with { Id = $"ses_{i}", MessageCount = -i, SizeBytes = long.MinValue + i })],
        ];
        foreach (var list in lists)
        {
            var expected = JsonSerializer.Serialize(list, CliJson.Context.IReadOnlyListAgentSession);
            using var buffer = new MemoryStream();
            SessionListJson.Write(buffer, list);
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private static string PrintableAscii()
    {
        var chars = new char[0x7f - 0x20];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)(0x20 + i);
        return new string(chars);
    }
}
