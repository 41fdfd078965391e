namespace SameSession.Surface.Model;

/// <summary>
/// The public PowerShell surface of one module assembly, read from metadata only (never by running or
/// instantiating anything: the PowerShellStandard stub's attribute objects read back empty).
/// </summary>
public sealed record CmdletSurface
{
    /// <summary>The module assembly file the surface was read from.</summary>
    public required string AssemblyPath { get; init; }

    /// <summary>Assembly version of the module, e.g. 0.1.0.0.</summary>
    public required Version AssemblyVersion { get; init; }

    public required IReadOnlyList<CmdletInfo> Cmdlets { get; init; }

    /// <summary>Every type named by a parameter or an [OutputType], keyed by full name.</summary>
    public required IReadOnlyDictionary<string, TypeShape> Types { get; init; }

    /// <summary>Full names of the public types of the module assembly and of the module's own dependencies beside it.</summary>
    public required IReadOnlySet<string> ModuleTypeNames { get; init; }

    /// <summary>The approved verbs: the Verbs* const fields of System.Management.Automation, minus the reserved ones.</summary>
    public required IReadOnlySet<string> ApprovedVerbs { get; init; }

    public string AssemblyFileName => Path.GetFileName(AssemblyPath);

    public CmdletInfo? Find(string name) =>
        Cmdlets.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public TypeShape? Type(string fullName) => Types.GetValueOrDefault(fullName);
}
