namespace SameSession.Surface;

/// <summary>Finds the PowerShellStandard stub System.Management.Automation.dll in the NuGet package cache.</summary>
public static class SmaStub
{
    public const string PackageId = "powershellstandard.library";
    public const string PackageVersion = "5.1.0-preview-06";

    /// <summary>The stub's path under $NUGET_PACKAGES, else ~/.nuget/packages; throws naming both when it is missing.</summary>
    public static string Find() => Find(Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string Find(string? nugetPackages, string userProfile)
    {
        var roots = new List<string>();
        if (!string.IsNullOrWhiteSpace(nugetPackages)) roots.Add(nugetPackages);
        roots.Add(Path.Combine(userProfile, ".nuget", "packages"));
        var candidates = roots.Select(PathUnder).ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"The PowerShellStandard stub System.Management.Automation.dll is not in the NuGet cache (looked at {string.Join(" and ", candidates)}). " +
            "Run `dotnet restore src/SameSession.PowerShell` to download PowerShellStandard.Library " + PackageVersion + ".");
    }

    private static string PathUnder(string packagesRoot) => Path.Combine(packagesRoot, PackageId, PackageVersion,
        "lib", "netstandard2.0", "System.Management.Automation.dll");
}
