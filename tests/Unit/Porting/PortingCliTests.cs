using System.Text.Json;
using SameSession.Core.Errors;
using SameSession.Tests.Unit.Cli;
using SameSession.Tests.Unit.Relocation;

namespace SameSession.Tests.Unit.Porting;

/// <summary>`samesession export | inspect | import` as real processes, alice's home to bob's.</summary>
public sealed class PortingCliTests : IDisposable
{
    private readonly TempDir _tmp = new("pcli");

    public void Dispose() => _tmp.Dispose();

    internal static Dictionary<string, string?> HomeEnv(string home) => new()
    {
        ["HOME"] = home, ["USERPROFILE"] = home,
        ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"), ["XDG_STATE_HOME"] = Path.Combine(home, ".local", "state"),
        ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
        ["CLAUDE_CONFIG_DIR"] = null, ["CODEX_HOME"] = null, ["CODEX_SQLITE_HOME"] = null, ["SAMESESSION_STATE_HOME"] = null,
    };

    [Fact]
    public void Export_to_bobs_recipient_then_inspect_and_import_as_bob()
    {
        string alice = _tmp.Combine("alice"), bob = _tmp.Combine("bob"), capsule = _tmp.Combine("s.capsule");
        RealFixtures.Materialize("claude", "2.1.328", alice);
        Directory.CreateDirectory(bob);
        var recipient = CliProcess.Run(HomeEnv(bob), "identity", "new").StdOut.Trim();
        Assert.StartsWith("age1", recipient, StringComparison.Ordinal);

        var export = CliProcess.Run(HomeEnv(alice), "export", "--provider", "ClaudeCode", "--latest", "--path", capsule, "--recipient", recipient, "--json");
        Assert.True(export.ExitCode == 0, export.StdErr);
        var exported = JsonDocument.Parse(export.StdOut).RootElement[0];
        var id = exported.GetProperty("manifest").GetProperty("session").GetProperty("nativeId").GetString()!;

        Assert.Equal(0, CliProcess.Run(HomeEnv(alice), "identity", "new").ExitCode);
        var asAlice = CliProcess.Run(HomeEnv(alice), "inspect", capsule);
        Assert.Equal(0, asAlice.ExitCode);
        Assert.Contains("1 recipient stanza(s): X25519", asAlice.StdOut, StringComparison.Ordinal);
        Assert.Contains("manifest: not readable", asAlice.StdOut, StringComparison.Ordinal);
        var asBob = CliProcess.Run(HomeEnv(bob), "inspect", capsule, "--verify");
        Assert.Contains($"ClaudeCode 2.1.328 session {id}", asBob.StdOut, StringComparison.Ordinal);
        Assert.Contains("every entry verified", asBob.StdOut, StringComparison.Ordinal);

        var whatIf = CliProcess.Run(HomeEnv(bob), "import", capsule, "--what-if");
        Assert.Equal(0, whatIf.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(bob, ".claude")));

        var import = CliProcess.Run(HomeEnv(bob), "import", capsule, "--destination", "~/work/api", "--json");
        Assert.True(import.ExitCode == 0, import.StdErr);
        var imported = JsonDocument.Parse(import.StdOut).RootElement[0];
        Assert.True(imported.GetProperty("changed").GetBoolean());
        Assert.Equal(Path.Combine(bob, "work", "api"), imported.GetProperty("cwd").GetString());
        var listed = CliProcess.Run(HomeEnv(bob), "list", "--id", id, "--json");
        Assert.Equal(Path.Combine(bob, "work", "api"), JsonDocument.Parse(listed.StdOut).RootElement[0].GetProperty("directory").GetString());

        Assert.Contains("already present", CliProcess.Run(HomeEnv(bob), "import", capsule).StdOut, StringComparison.Ordinal);
        var stranger = CliProcess.Run(HomeEnv(alice), "import", capsule);
        Assert.Equal(ErrorIds.NoMatchingIdentity.ExitCode, stranger.ExitCode);
    }
}
