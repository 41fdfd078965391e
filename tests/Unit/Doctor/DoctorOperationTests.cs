using SameSession.Core.Operations;
using SameSession.Core.Operations.Doctor;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Doctor;

public class DoctorOperationTests
{
    private static string FakeCli(TempDir tmp, string name, string output)
    {
        var bin = tmp.Combine("bin");
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, $"#!/bin/sh\necho '{output}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    [Fact]
    public void Reports_every_agent_home_with_env_overrides_and_cli_versions()
    {
        using var tmp = new TempDir("doctor");
        var bin = FakeCli(tmp, "claude", "2.1.328 (Claude Code)");
        FakeCli(tmp, "codex", "codex-cli 0.169.0");
        var claudeHome = tmp.Combine("custom-claude");
        Directory.CreateDirectory(claudeHome);
        Directory.CreateDirectory(tmp.Combine(".codex"));
        var env = new AgentEnvironment(tmp.Path, new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}{Path.PathSeparator}/usr/bin{Path.PathSeparator}/bin",
            ["CLAUDE_CONFIG_DIR"] = claudeHome,
        });

        var report = DoctorOperation.Run(env, new RecordingObserver());

        Assert.Equal(["ClaudeCode", "Codex", "OpenCode", "Acpx", "Gemini"], report.Agents.Select(a => a.Provider));
        var claude = report.Agents[0];
        Assert.Equal((claudeHome, true, true, "2.1.328"), (claude.Home, claude.HomeExists, claude.OverrideInEffect, claude.CliVersion));
        var codex = report.Agents[1];
        Assert.Equal((tmp.Combine(".codex"), true, false, "0.169.0"), (codex.Home, codex.HomeExists, codex.OverrideInEffect, codex.CliVersion));
        var opencode = report.Agents[2];
        Assert.Equal((tmp.Combine(".local", "share", "opencode"), false, null), (opencode.Home, opencode.HomeExists, opencode.CliPath));
        Assert.Equal(tmp.Combine(".gemini"), report.Agents[4].Home);
        Assert.NotNull(report.GitVersion);
        Assert.NotNull(report.SqliteVersion);
        Assert.True(report.IsHealthy);
    }

    [Fact]
    public void Missing_git_makes_the_report_unhealthy()
    {
        using var tmp = new TempDir("doctor-nogit");
        var env = new AgentEnvironment(tmp.Path, new Dictionary<string, string> { ["PATH"] = tmp.Combine("empty") });
        var report = DoctorOperation.Run(env, new RecordingObserver());
        Assert.Null(report.GitVersion);
        Assert.False(report.IsHealthy);
        Assert.All(report.Agents, a => Assert.Null(a.CliPath));
    }

    [Theory]
    [InlineData("git version 2.39.5", "2.39.5")]
    [InlineData("v1.1.1", "1.1.1")]
    [InlineData("codex-cli 0.169.0", "0.169.0")]
    [InlineData("1.18.33", "1.18.33")]
    [InlineData("no digits", null)]
    public void Extracts_versions(string text, string? expected) => Assert.Equal(expected, DoctorOperation.FirstVersion(text));
}
