using System.Text.RegularExpressions;

namespace SameSession.Packager;

/// <summary>Publishes the module and the CLI and assembles out/SameSession exactly as pwsh will load it.</summary>
internal static partial class ModuleBuilder
{
    public static void Build(RepoLayout repo, string configuration)
    {
        Clean(repo);
        DotNet.Run(repo.Root, "publish", repo.ModuleProject, "-c", configuration, "-o", repo.ModulePublish, "--nologo", "-v", "quiet");
        CliPublish.Run(repo, configuration);
        AssembleModule(repo);
        HelpStep.Write(repo);
        Verify(repo);
        Console.WriteLine($"module: {repo.ModuleOut}");
        Console.WriteLine($"cli:    {Path.Combine(repo.CliOut, OperatingSystem.IsWindows() ? "samesession.exe" : "samesession")}");
    }

    public static void Clean(RepoLayout repo)
    {
        foreach (var dir in new[] { repo.ModuleOut, repo.CliOut, repo.ModulePublish })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static void AssembleModule(RepoLayout repo)
    {
        Directory.CreateDirectory(repo.ModuleOut);
        foreach (var file in Directory.EnumerateFiles(repo.ModulePublish))
        {
            var name = Path.GetFileName(file);
            if (ModuleLayout.ForbiddenFiles.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new BuildFailedException($"{name} was published; the PowerShellStandard reference must have PrivateAssets=all");
            if (name.EndsWith(".deps.json", StringComparison.Ordinal)) continue; // pwsh reads no deps.json for modules
            File.Copy(file, Path.Combine(repo.ModuleOut, name));
        }
        foreach (var rid in ModuleLayout.NativeRids)
        {
            var source = Path.Combine(repo.ModulePublish, "runtimes", rid, "native");
            var target = Path.Combine(repo.ModuleOut, "runtimes", rid, "native");
            if (!Directory.Exists(source)) throw new BuildFailedException($"native SQLite for {rid} missing from the publish output ({source})");
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(source))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        File.Copy(repo.Manifest, Path.Combine(repo.ModuleOut, "SameSession.psd1"));
    }

    private static void Verify(RepoLayout repo)
    {
        var missing = ModuleLayout.RequiredFiles.Concat(ModuleLayout.RequiredNativeFiles())
            .Where(f => !File.Exists(Path.Combine(repo.ModuleOut, f))).ToList();
        if (missing.Count > 0) throw new BuildFailedException($"the module folder lacks: {string.Join(", ", missing)}");

        var props = File.ReadAllText(Path.Combine(repo.Root, "Directory.Build.props"));
        var version = VersionElement().Match(props).Groups[1].Value;
        var manifestVersion = ModulePackager.ManifestVersion(repo.Manifest);
        if (version != manifestVersion)
            throw new BuildFailedException($"SameSession.psd1 ModuleVersion '{manifestVersion}' differs from Directory.Build.props Version '{version}': make them equal");
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
