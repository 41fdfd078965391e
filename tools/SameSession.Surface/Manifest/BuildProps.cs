using System.Xml.Linq;

namespace SameSession.Surface.Manifest;

/// <summary>Reads the product version from Directory.Build.props (the one version the module, CLI and manifest share).</summary>
public static class BuildProps
{
    public static string ReadVersion(string directoryBuildPropsPath) =>
        XDocument.Load(directoryBuildPropsPath).Descendants("Version").Select(v => v.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? throw new InvalidDataException($"{directoryBuildPropsPath} has no <Version>; add <Version>x.y.z</Version> to its PropertyGroup.");
}
