using System.IO.Compression;
using System.Text.RegularExpressions;

namespace SameSession.Packager;

/// <summary>Zips the built module as SameSession.&lt;version&gt;.zip (Publish-PSResource needs pwsh, which the build machine lacks).</summary>
internal static partial class ModulePackager
{
    public static string Zip(RepoLayout repo)
    {
        var version = ManifestVersion(repo.Manifest);
        Directory.CreateDirectory(repo.Artifacts);
        var zip = Path.Combine(repo.Artifacts, $"SameSession.{version}.zip");
        if (File.Exists(zip)) File.Delete(zip);
        ZipFile.CreateFromDirectory(repo.ModuleOut, zip, CompressionLevel.Optimal, includeBaseDirectory: true);
        return zip;
    }

    /// <summary>The ModuleVersion a psd1 declares.</summary>
    public static string ManifestVersion(string manifestPath) => ModuleVersion().Match(File.ReadAllText(manifestPath)).Groups[1].Value;

    [GeneratedRegex(@"ModuleVersion\s*=\s*'([^']+)'")]
    private static partial Regex ModuleVersion();
}
