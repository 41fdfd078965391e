using System.Text.Json;
using SameSession.Core.Errors;
using SameSession.Tests.Unit.Discovery;

namespace SameSession.Tests.Unit.Cli;

public sealed class ListCommandTests : IDisposable
{
    private readonly TempDir _tmp = new("cli-list");
    private readonly Dictionary<string, string?> _env;

    public ListCommandTests()
    {
        _env = CliProcess.IsolatedEnvironment(_tmp.Path);
        var f = new ClaudeFixture(_tmp.Path);
        var proj = Directory.CreateDirectory(_tmp.Combine("src", "proj")).FullName;
        f.Write(proj, "5f0c1b2a-0000-4000-8000-000000000001", [f.Prompt("a", proj, "fix the parser", timestamp: "2026-07-02T10:00:00.000Z")]);
        f.Write(_tmp.Combine("src", "gone"), "6a0c1b2a-0000-4000-8000-000000000002", [f.Prompt("b", _tmp.Combine("src", "gone"), "old", timestamp: "2026-07-01T10:00:00.000Z")]);
    }

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Json_is_an_array_of_sessions_newest_first()
    {
        var r = CliProcess.Run(_env, "list", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var ids = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(["5f0c1b2a-0000-4000-8000-000000000001", "6a0c1b2a-0000-4000-8000-000000000002"], ids);
        Assert.Equal("ClaudeCode", doc.RootElement[0].GetProperty("provider").GetString());
        Assert.Equal(1, doc.RootElement[0].GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public void Filters_map_to_the_query()
    {
        var r = CliProcess.Run(_env, "list", "--json", "--orphaned", "--provider", "ClaudeCode");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal("6a0c1b2a-0000-4000-8000-000000000002", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("id").GetString());

        var text = CliProcess.Run(_env, "list", "--from-dir", _tmp.Combine("src", "p*"), "--latest");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("5f0c1b2a", text.StdOut);
        Assert.Contains("fix the parser", text.StdOut);
        Assert.Contains("1 session(s)", text.StdOut);
    }

    [Fact]
    public void A_negative_count_is_an_invalid_argument()
    {
        var r = CliProcess.Run(_env, "list", "--count", "-3");
        Assert.Equal(ErrorIds.InvalidArgument.ExitCode, r.ExitCode);
    }
}
