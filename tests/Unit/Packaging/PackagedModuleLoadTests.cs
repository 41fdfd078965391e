using System.Text.Json;
using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Unit.Packaging;

/// <summary>
/// pwsh loads a binary module without reading any deps.json. These tests load the packaged out/SameSession in a
/// separate host process that has no knowledge of Core's dependencies and open a real SQLite database through Core.
/// </summary>
public class PackagedModuleLoadTests
{
    private static string HostDll => Path.Combine(TestPaths.RepoRoot, "tests", "ModuleHost", "bin", TestPaths.Configuration, "net10.0", "SameSession.ModuleHost.dll");

    private static ProcessResult RunHost(string moduleDir, string db) =>
        ProcessRunner.Run("dotnet", [HostDll, moduleDir, db], timeout: TimeSpan.FromMinutes(1));

    [Fact]
    public void Packaged_module_opens_sqlite_with_every_dependency_from_the_module_folder()
    {
        using var tmp = new TempDir("alc");
        var module = TestPaths.PackagedModule;
        var r = RunHost(module, tmp.Combine("probe.db"));
        Assert.True(r.Succeeded, r.StdErr + r.StdOut);

        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.StartsWith("ok 3.", doc.RootElement.GetProperty("result").GetString());
        var assemblies = doc.RootElement.GetProperty("assemblies").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        foreach (var name in new[] { "SameSession.Core", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "SQLitePCLRaw.provider.e_sqlite3" })
        {
            Assert.True(assemblies.TryGetValue(name, out var location), $"{name} was not loaded into the module's context");
            Assert.Equal(Path.GetFullPath(module), Path.GetDirectoryName(location));
        }
        var natives = doc.RootElement.GetProperty("natives").EnumerateArray().Select(e => e.GetString()!).ToList();
        var expected = Path.Combine(Path.GetFullPath(module), "runtimes", ModuleDependencyResolver.CurrentRid(), "native");
        Assert.Contains(natives, n => n.StartsWith(expected, StringComparison.Ordinal));
        Assert.True(File.Exists(tmp.Combine("probe.db")));
    }

    [Fact]
    public void Without_the_native_runtimes_folder_the_module_cannot_open_sqlite()
    {
        // Proves the test above can fail: the host really depends on what the module folder ships.
        using var tmp = new TempDir("alc-neg");
        var copy = tmp.Combine("SameSession");
        CopyTree(TestPaths.PackagedModule, copy);
        Directory.Delete(Path.Combine(copy, "runtimes"), recursive: true);
        var r = RunHost(copy, tmp.Combine("probe.db"));
        Assert.False(r.Succeeded, "SQLite opened although the module's native library was removed: " + r.StdOut);
    }

    [Fact]
    public void Without_a_managed_dependency_the_module_cannot_load_it_from_elsewhere()
    {
        using var tmp = new TempDir("alc-neg2");
        var copy = tmp.Combine("SameSession");
        CopyTree(TestPaths.PackagedModule, copy);
        File.Delete(Path.Combine(copy, "Microsoft.Data.Sqlite.dll"));
        var r = RunHost(copy, tmp.Combine("probe.db"));
        Assert.False(r.Succeeded, "Microsoft.Data.Sqlite resolved from outside the module folder: " + r.StdOut);
    }

    [Fact]
    public void Native_file_names_follow_each_platform()
    {
        var name = ModuleDependencyResolver.NativeFileName("e_sqlite3");
        Assert.Equal(OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so", name);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
