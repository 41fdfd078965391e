using System.IO.Compression;
using System.Text.RegularExpressions;

namespace SameSession.Packager;

/// <summary>Zips the built module as SameSession.&lt;version&gt;.zip (Publish-PSResource needs pwsh, which the build machine lacks).</summary>
internal static partial class ModulePackager
{
    public static string Zip(RepoLayout repo)
    {
        var version = ModuleVersion().Match(File.ReadAllText(repo.Manifest)).Groups[1].Value;
        Directory.CreateDirectory(repo.Artifacts);
        var zip = Path.Combine(repo.Artifacts, $"SameSession.{version}.zip");
        if (File.Exists(zip)) File.Delete(zip);
        ZipFile.CreateFromDirectory(repo.ModuleOut, zip, CompressionLevel.Optimal, includeBaseDirectory: true);
        return zip;
    }

    [GeneratedRegex(@"ModuleVersion\s*=\s*'([^']+)'")]
    private static partial Regex ModuleVersion();
}
