using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

/// <summary>
/// Contract rules over a compiled cmdlet surface. Each rule returns its violations (empty = pass); the unit tests
/// and the packager run <see cref="All"/> and fail on any.
/// </summary>
public static partial class SurfaceRules
{
    /// <summary>Every rule, against a repository checkout and a module layout.</summary>
    /// <param name="surface">The module's surface (<see cref="SurfaceReader.Read"/>).</param>
    /// <param name="repoRoot">The checkout: README.md, docs/help, Directory.Build.props and the manifest live here.</param>
    /// <param name="layoutDirectory">Where RootModule and the format files are (out/SameSession, or the build output).</param>
    /// <param name="manifestPath">Defaults to &lt;repoRoot&gt;/SameSession.psd1.</param>
    public static IReadOnlyList<Violation> All(CmdletSurface surface, string repoRoot, string layoutDirectory, string? manifestPath = null)
    {
        var manifest = new ManifestCheck(
            manifestPath ?? Path.Combine(repoRoot, "SameSession.psd1"),
            layoutDirectory,
            SameSession.Surface.Manifest.BuildProps.ReadVersion(Path.Combine(repoRoot, "Directory.Build.props")));
        return
        [
            .. ClassNaming(surface),
            .. VerbAndNoun(surface),
            .. OutputTypes(surface),
            .. ShouldProcess(surface),
            .. ParameterSets(surface),
            .. PipelineBinding(surface, repoRoot),
            .. Manifest(surface, manifest),
            .. HelpParity(surface, Path.Combine(repoRoot, "docs", "help")),
        ];
    }
}
