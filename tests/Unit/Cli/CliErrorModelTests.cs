using System.Text.Json;
using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Cli;

public class CliErrorModelTests
{
    [Fact]
    public void Unknown_option_exits_with_the_invalid_argument_code()
    {
        var r = CliProcess.Run("doctor", "--no-such-option");
        Assert.Equal(ErrorIds.InvalidArgument.ExitCode, r.ExitCode);
        Assert.Contains("InvalidArgument", r.StdErr);
    }

    [Fact]
    public void Doctor_json_is_one_parseable_object()
    {
        var r = CliProcess.Run("doctor", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("agents").ValueKind);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("sqliteVersion").GetString()));
    }

    [Fact]
    public void Doctor_honours_the_agent_home_overrides_of_the_environment()
    {
        using var tmp = new TempDir("cli-doc");
        var r = CliProcess.Run(new Dictionary<string, string?> { ["CODEX_HOME"] = tmp.Path, ["HOME"] = tmp.Path }, "doctor", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var codex = doc.RootElement.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("provider").GetString() == "Codex");
        Assert.Equal(tmp.Path, codex.GetProperty("home").GetString());
        Assert.True(codex.GetProperty("overrideInEffect").GetBoolean());
    }

    [Fact]
    public void Failures_become_a_json_error_object_and_the_ids_exit_code()
    {
        var sw = new StringWriter();
        var old = Console.Error;
        Console.SetError(sw);
        try
        {
            var code = SameSession.Cli.CliRunner.Fail(json: true, new SameSessionException(ErrorIds.SessionNotFound, "No session 'x'.", "x"));
            Assert.Equal(3, code);
        }
        finally { Console.SetError(old); }
        using var doc = JsonDocument.Parse(sw.ToString());
        var e = doc.RootElement.GetProperty("error");
        Assert.Equal(("SessionNotFound", "ObjectNotFound", "x", 3), (e.GetProperty("id").GetString(), e.GetProperty("category").GetString(), e.GetProperty("target").GetString(), e.GetProperty("exitCode").GetInt32()));
    }
}
