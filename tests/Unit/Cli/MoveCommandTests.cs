using System.Text.Json;
using SameSession.Core.Errors;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Tests.Unit.Discovery;

namespace SameSession.Tests.Unit.Cli;

public sealed class MoveCommandTests : IDisposable
{
    private const string Id = "5f0c1b2a-0000-4000-8000-0000000000aa";
    private readonly TempDir _tmp = new("cli-move");
    private readonly Dictionary<string, string?> _env;
    private readonly string _proj;

    public MoveCommandTests()
    {
        _env = CliProcess.IsolatedEnvironment(_tmp.Path);
        var f = new ClaudeFixture(_tmp.Path);
        _proj = Directory.CreateDirectory(_tmp.Combine("src", "proj")).FullName;
        f.Write(_proj, Id, [f.Prompt("a", _proj, "fix the parser")]);
    }

    public void Dispose() => _tmp.Dispose();

    private string Transcript(string cwd) => Path.Combine(_tmp.Path, ".claude", "projects", ClaudeProjectFolder.Name(cwd), Id + ".jsonl");

    [Fact]
    public void What_if_prints_the_plan_and_moves_nothing()
    {
        var r = CliProcess.Run(_env, "move", "--id", Id, _tmp.Combine("code", "proj"), "--create", "--what-if");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("What if: Create directory", r.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Transcript(_proj)));
        Assert.False(Directory.Exists(_tmp.Combine("code")));
    }

    [Fact]
    public void Map_moves_every_session_under_the_old_root_and_reports_json()
    {
        Directory.CreateDirectory(_tmp.Combine("code", "proj"));
        var r = CliProcess.Run(_env, "move", "--map", $"{_tmp.Combine("src")}={_tmp.Combine("code")}", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
        using var doc = JsonDocument.Parse(r.StdOut);
        var result = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("Moved", result.GetProperty("status").GetString());
        Assert.Equal(_tmp.Combine("code", "proj"), result.GetProperty("newDirectory").GetString());
        Assert.True(File.Exists(Transcript(_tmp.Combine("code", "proj"))));
        Assert.False(File.Exists(Transcript(_proj)));
    }

    [Fact]
    public void A_missing_destination_without_create_fails_with_its_exit_code()
    {
        var r = CliProcess.Run(_env, "move", "--id", Id, _tmp.Combine("nowhere"));
        Assert.Equal(ErrorIds.PathNotFound.ExitCode, r.ExitCode);
        Assert.Contains("--create", r.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Transcript(_proj)));
    }

    [Fact]
    public void Repair_finds_a_renamed_parent_by_folder_name()
    {
        Directory.Move(_tmp.Combine("src"), _tmp.Combine("work"));
        var r = CliProcess.Run(_env, "repair", "--search-root", _tmp.Path);
        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);
        Assert.Contains("matched by folder name 'proj'", r.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Transcript(_tmp.Combine("work", "proj"))));
    }
}
