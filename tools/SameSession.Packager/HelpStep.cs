using SameSession.Surface;
using SameSession.Surface.Help;
using SameSession.Surface.Model;
using SameSession.Surface.Rules;

namespace SameSession.Packager;

/// <summary>Checks the cmdlet-surface contract on the packaged module, then writes en-US help (MAML + about topic) from docs/help.</summary>
internal static class HelpStep
{
    public static void Write(RepoLayout repo)
    {
        var surface = SurfaceReader.Read(Path.Combine(repo.ModuleOut, "SameSession.PowerShell.dll"), SmaStub.Find());
        var violations = SurfaceRules.All(surface, repo.Root, repo.ModuleOut);
        if (violations.Count > 0)
            throw new BuildFailedException("the cmdlet-surface contract is broken:\n  " + string.Join("\n  ", violations));
        foreach (var file in HelpBuilder.Build(repo.HelpSource, surface, Path.Combine(repo.ModuleOut, "en-US")))
            Console.WriteLine($"help:   {Path.GetRelativePath(repo.Root, file)}");
    }
}
