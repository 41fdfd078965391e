using SameSession.Cli.Commands;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Cli;

public class ListTableTests
{
    [Fact]
    public void A_long_table_has_every_row_in_order_as_a_one_row_table_prints_it()
    {
        // Long enough that the second half is formatted on another thread.
        var sessions = Enumerable.Range(0, 2501).Select(i => new AgentSession
        {
            Provider = (AgentProvider)(i % 5),
            Id = $"{i:x8}-0000-4000-8000-000000000000",
            Title = i % 7 == 0 ? null : $"title {i}\nsecond line that makes it longer than the column {i}",
            Directory = $"/home/u/src/p{i}",
            Updated = i % 11 == 0 ? null : new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(-i),
            MessageCount = i,
        }).ToList();

        var table = Lines(sessions);

        Assert.Equal(sessions.Count + 2, table.Length);
        Assert.Equal($"{sessions.Count} session(s)", table[^1]);
        for (var i = 0; i < sessions.Count; i++)
        {
            var single = Lines([sessions[i]]);
            Assert.Equal(single[0], table[0]);
            Assert.Equal(single[1], table[i + 1]);
        }
    }

    private static string[] Lines(IReadOnlyList<AgentSession> sessions)
    {
        using var o = new StringWriter { NewLine = "\n" };
        ListCommand.Print(sessions, o);
        var text = o.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }
}
