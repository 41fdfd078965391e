using System.Reflection;

namespace SameSession.Tests.Unit;

/// <summary>Locations baked in at build time (repo root, the PowerShellStandard stub) and scratch folders.</summary>
internal static class TestPaths
{
    private static string Meta(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot { get; } = Path.GetFullPath(Meta("RepoRoot"));
    public static string SmaStub { get; } = Path.GetFullPath(Meta("SmaStubPath"));
    public static string Fixtures { get; } = Path.Combine(RepoRoot, "tests", "fixtures");
    public static string Configuration { get; } = Meta("Configuration");

    /// <summary>The packaged module folder; build.sh (or the packager) must have run.</summary>
    public static string PackagedModule
    {
        get
        {
            var dir = Path.Combine(RepoRoot, "out", "SameSession");
            if (!File.Exists(Path.Combine(dir, "SameSession.psd1")))
                throw new InvalidOperationException($"{dir} is missing: run 'bash build.sh' (or test.sh) before the tests.");
            return dir;
        }
    }
}

/// <summary>A throwaway directory removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ss-{prefix ?? "t"}-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
