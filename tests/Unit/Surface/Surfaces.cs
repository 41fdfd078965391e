using SameSession.Surface.Model;

namespace SameSession.Tests.Unit.Surface;

/// <summary>The module and fixture surfaces, read once from the dlls the build copied next to the tests.</summary>
internal static class Surfaces
{
    public static string ModuleDll { get; } = Path.Combine(AppContext.BaseDirectory, "SameSession.PowerShell.dll");
    public static string FixturesDll { get; } = Path.Combine(AppContext.BaseDirectory, "SameSession.ContractFixtures.dll");

    private static readonly Lazy<CmdletSurface> ModuleLazy = new(() => SurfaceReader.Read(ModuleDll, TestPaths.SmaStub));
    private static readonly Lazy<CmdletSurface> FixturesLazy = new(() => SurfaceReader.Read(FixturesDll, TestPaths.SmaStub));

    public static CmdletSurface Module => ModuleLazy.Value;
    public static CmdletSurface Fixtures => FixturesLazy.Value;

    public static string HelpFolder => Path.Combine(TestPaths.RepoRoot, "docs", "help");
    public static string TestData => Path.Combine(TestPaths.RepoRoot, "tests", "Unit", "Surface", "TestData");

    public static string Describe(IEnumerable<Violation> violations) => string.Join("\n", violations);
}
