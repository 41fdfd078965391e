using System.Xml;
using System.Xml.Linq;
using SameSession.Surface.Manifest;
using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

public static partial class SurfaceRules
{
    public const string RequiredPowerShellVersion = "7.4";

    /// <summary>The manifest exports exactly the compiled surface and describes a module PowerShell 7.4+ can load.</summary>
    public static IEnumerable<Violation> Manifest(CmdletSurface surface, ManifestCheck check)
    {
        var file = Path.GetFileName(check.ManifestPath);
        Dictionary<string, object?> psd1;
        try
        {
            psd1 = Psd1Reader.ReadFile(check.ManifestPath);
        }
        catch (FormatException ex)
        {
            return [new(RuleIds.ManifestField, file, $"{ex.Message} Fix the syntax (only the data subset is allowed).")];
        }
        return ManifestViolations(surface, check, file, psd1).ToList();
    }

    private static IEnumerable<Violation> ManifestViolations(CmdletSurface surface, ManifestCheck check, string file, Dictionary<string, object?> psd1)
    {
        var compiled = surface.Cmdlets.Select(c => c.Name).ToList();
        foreach (var v in ExportList(file, psd1, "CmdletsToExport", compiled, "the [Cmdlet] classes in the module", "add the cmdlet")) yield return v;
        var aliases = surface.Cmdlets.SelectMany(c => c.Aliases).ToList();
        foreach (var v in ExportList(file, psd1, "AliasesToExport", aliases, "the class-level [Alias] values", "add [Alias] to the cmdlet class")) yield return v;
        foreach (var key in new[] { "FunctionsToExport", "VariablesToExport" })
        {
            if (!psd1.TryGetValue(key, out var value) || AsList(value) is not { Count: 0 })
            {
                yield return new(RuleIds.ManifestExports, file, $"{key} must be @() in {file} (a binary module exports no functions or variables; a missing key exports everything).");
            }
        }

        var root = Text(psd1, "RootModule");
        if (root is null || !File.Exists(Path.Combine(check.LayoutDirectory, root)))
        {
            yield return new(RuleIds.ManifestFile, file, $"RootModule '{root}' in {file} does not exist in {check.LayoutDirectory}; set it to '{surface.AssemblyFileName}'.");
        }
        else if (!string.Equals(root, surface.AssemblyFileName, StringComparison.Ordinal))
        {
            yield return new(RuleIds.ManifestFile, file, $"RootModule '{root}' in {file} is not the module assembly; set it to '{surface.AssemblyFileName}'.");
        }

        var version = Text(psd1, "ModuleVersion");
        if (version != check.ExpectedVersion)
        {
            yield return new(RuleIds.ManifestField, file, $"ModuleVersion '{version}' in {file} differs from Directory.Build.props Version '{check.ExpectedVersion}'; make them equal.");
        }
        if (!Version.TryParse(check.ExpectedVersion, out var expected) || expected.ToString(3) != surface.AssemblyVersion.ToString(3))
        {
            yield return new(RuleIds.ManifestField, file, $"{surface.AssemblyFileName} has version {surface.AssemblyVersion} but Directory.Build.props says '{check.ExpectedVersion}'; rebuild the module.");
        }
        if (!Guid.TryParse(Text(psd1, "GUID"), out _))
        {
            yield return new(RuleIds.ManifestField, file, $"GUID '{Text(psd1, "GUID")}' in {file} is not a GUID; keep the module's original GUID.");
        }
        if (AsList(psd1.GetValueOrDefault("CompatiblePSEditions")) is not [string edition] || edition != "Core")
        {
            yield return new(RuleIds.ManifestField, file, $"CompatiblePSEditions in {file} must be @('Core') (the module targets net8.0 and cannot load in Windows PowerShell).");
        }
        if (Text(psd1, "PowerShellVersion") != RequiredPowerShellVersion)
        {
            yield return new(RuleIds.ManifestField, file, $"PowerShellVersion in {file} is '{Text(psd1, "PowerShellVersion")}'; it must be '{RequiredPowerShellVersion}' (PowerShell 7.4 is the first on .NET 8).");
        }
        foreach (var v in FormatFiles(surface, check, file, psd1)) yield return v;
    }

    private static IEnumerable<Violation> ExportList(string file, Dictionary<string, object?> psd1, string key, List<string> expected, string source, string orAdd)
    {
        if (AsList(psd1.GetValueOrDefault(key)) is not { } listed || listed.Any(v => v is not string))
        {
            yield return new(RuleIds.ManifestExports, file, $"{key} in {file} must be an array of names: @({string.Join(", ", expected.Select(e => $"'{e}'"))}).");
            yield break;
        }
        var names = listed.Cast<string>().ToList();
        foreach (var wildcard in names.Where(n => n.Contains('*', StringComparison.Ordinal)))
        {
            yield return new(RuleIds.ManifestExports, file, $"{key} in {file} contains the wildcard '{wildcard}'; list the names (wildcards slow down module auto-loading).");
        }
        foreach (var missing in expected.Except(names, StringComparer.OrdinalIgnoreCase))
        {
            yield return new(RuleIds.ManifestExports, missing, $"{missing} is one of {source} but not in {key} of {file}; add '{missing}'.");
        }
        foreach (var extra in names.Where(n => !n.Contains('*', StringComparison.Ordinal)).Except(expected, StringComparer.OrdinalIgnoreCase))
        {
            yield return new(RuleIds.ManifestExports, extra, $"{key} in {file} lists '{extra}', which is not one of {source}; remove it or {orAdd}.");
        }
    }

    private static IEnumerable<Violation> FormatFiles(CmdletSurface surface, ManifestCheck check, string file, Dictionary<string, object?> psd1)
    {
        foreach (var key in new[] { "FormatsToProcess", "TypesToProcess" })
        {
            foreach (var name in (AsList(psd1.GetValueOrDefault(key)) ?? []).OfType<string>())
            {
                var path = Path.Combine(check.LayoutDirectory, name);
                if (!File.Exists(path))
                {
                    yield return new(RuleIds.ManifestFile, file, $"{key} entry '{name}' in {file} does not exist in {check.LayoutDirectory}; copy it into the module layout or remove the entry.");
                    continue;
                }
                XDocument xml;
                string? error = null;
                try
                {
                    xml = XDocument.Load(path, LoadOptions.SetLineInfo);
                }
                catch (XmlException ex)
                {
                    xml = new XDocument();
                    error = $"{name} is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}); fix it.";
                }
                if (error is not null)
                {
                    yield return new(RuleIds.ManifestFile, name, error);
                    continue;
                }
                foreach (var typeName in xml.Descendants().Where(e => e.Name.LocalName == "TypeName"))
                {
                    var value = typeName.Value.Trim();
                    if (!surface.ModuleTypeNames.Contains(value))
                    {
                        var line = ((IXmlLineInfo)typeName).LineNumber;
                        yield return new(RuleIds.FormatTypeName, name, $"{name}:{line} <TypeName>{value}</TypeName> is not a public type of the module or its own assemblies; use the full name of the emitted type (a rename in Core breaks the view).");
                    }
                }
            }
        }
    }

    private static string? Text(Dictionary<string, object?> psd1, string key) => psd1.GetValueOrDefault(key) as string;

    private static List<object?>? AsList(object? value) => value switch
    {
        List<object?> list => list,
        string s => [s],
        _ => null,
    };
}
