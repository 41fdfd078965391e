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
