using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Errors;
using SameSession.Core.Providers.Acpx;
using SameSession.Tests.Unit.Cli;

namespace SameSession.Tests.Unit.Porting.Acpx;

/// <summary>`samesession export --format acpx` and `samesession import` of the archive, as real processes with no age identity.</summary>
public sealed class AcpxArchiveCliTests : IDisposable
{
    private readonly TempDir _tmp = new("acli");

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Export_format_acpx_then_import_in_another_home()
    {
        string alice = _tmp.Combine("alice"), bob = _tmp.Combine("bob"), archive = _tmp.Combine("a.json");
        const string id = "ses_cliclicliclicliclicliclic";
        var sessions = Path.Combine(alice, ".acpx", "sessions");
        Directory.CreateDirectory(sessions);
        Directory.CreateDirectory(bob);
        var record = new JsonObject
        {
            ["schema"] = "acpx.session.v1", ["acpx_record_id"] = id, ["acp_session_id"] = id, ["agent_command"] = "npx -y opencode-ai acp",
            ["cwd"] = Path.Combine(alice, "src", "api"), ["created_at"] = "2026-11-20T10:00:00.000Z", ["last_used_at"] = "2026-11-20T10:00:00.000Z",
            ["event_log"] = new JsonObject { ["active_path"] = AcpxNames.ActiveStream(sessions, id), ["max_segments"] = 5 }, ["closed"] = false,
        };
        File.WriteAllText(AcpxNames.RecordFile(sessions, id), record.ToJsonString());
        File.WriteAllText(AcpxNames.ActiveStream(sessions, id), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");

        var export = CliProcess.Run(PortingCliTests.HomeEnv(alice), "export", id, "--provider", "Acpx", "--path", archive, "--format", "acpx");
        Assert.True(export.ExitCode == 0, export.StdErr);
        Assert.Equal(1, JsonDocument.Parse(File.ReadAllText(archive)).RootElement.GetProperty("format_version").GetInt32());
        // The default format is a capsule, which carries acpx records too.
        var capsule = CliProcess.Run(PortingCliTests.HomeEnv(alice), "export", id, "--provider", "Acpx", "--path", _tmp.Combine("c.capsule"), "--recipient", Core.Crypto.Age.X25519Identity.Generate().Recipient.ToString());
        Assert.True(capsule.ExitCode == 0, capsule.StdErr);
        Assert.True(File.Exists(_tmp.Combine("c.capsule")));

        var import = CliProcess.Run(PortingCliTests.HomeEnv(bob), "import", archive, "--json");
        Assert.True(import.ExitCode == 0, import.StdErr);
        var imported = JsonDocument.Parse(import.StdOut).RootElement[0];
        Assert.True(imported.GetProperty("changed").GetBoolean());
        Assert.Equal(Path.Combine(bob, "src", "api"), imported.GetProperty("cwd").GetString());
        Assert.Contains("already present", CliProcess.Run(PortingCliTests.HomeEnv(bob), "import", archive).StdOut, StringComparison.Ordinal);

        File.WriteAllText(archive, "{\"format_version\":2}");
        Assert.Equal(ErrorIds.UnsupportedFormat.ExitCode, CliProcess.Run(PortingCliTests.HomeEnv(bob), "import", archive).ExitCode);
    }
}
