namespace SameSession.Tests.Unit.Packaging;

public class ModuleLayoutTests
{
    [Theory]
    [InlineData("linux-x64", "libe_sqlite3.so")]
    [InlineData("linux-arm64", "libe_sqlite3.so")]
    [InlineData("osx-x64", "libe_sqlite3.dylib")]
    [InlineData("osx-arm64", "libe_sqlite3.dylib")]
    [InlineData("win-x64", "e_sqlite3.dll")]
    public void Module_ships_native_sqlite_for_each_supported_platform(string rid, string file)
    {
        Assert.True(File.Exists(Path.Combine(TestPaths.PackagedModule, "runtimes", rid, "native", file)), $"{rid}/{file} missing from out/SameSession");
    }

    [Fact]
    public void Module_does_not_ship_the_stub_automation_assembly_or_a_deps_file()
    {
        Assert.False(File.Exists(Path.Combine(TestPaths.PackagedModule, "System.Management.Automation.dll")));
        Assert.Empty(Directory.GetFiles(TestPaths.PackagedModule, "*.deps.json"));
    }

    [Fact]
    public void Cli_is_runnable_directly()
    {
        var cli = Path.Combine(TestPaths.RepoRoot, "out", "cli", OperatingSystem.IsWindows() ? "samesession.exe" : "samesession");
        var r = SameSession.Core.Infrastructure.ProcessRunner.Run(cli, ["doctor", "--json"], timeout: TimeSpan.FromMinutes(1));
        Assert.True(r.Succeeded, r.StdErr);
        using var doc = System.Text.Json.JsonDocument.Parse(r.StdOut);
        Assert.Equal(5, doc.RootElement.GetProperty("agents").GetArrayLength());
    }
}
