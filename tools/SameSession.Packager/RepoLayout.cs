namespace SameSession.Packager;

/// <summary>Well-known paths of the repository and its build outputs.</summary>
internal sealed record RepoLayout(string Root)
{
    public string Out => Path.Combine(Root, "out");
    public string ModuleOut => Path.Combine(Out, "SameSession");
    public string CliOut => Path.Combine(Out, "cli");
    public string Artifacts => Path.Combine(Root, "artifacts");
    public string ModulePublish => Path.Combine(Artifacts, "publish", "module");
    public string HelpSource => Path.Combine(Root, "docs", "help");
    public string Manifest => Path.Combine(Root, "SameSession.psd1");
    public string ModuleProject => Path.Combine(Root, "src", "SameSession.PowerShell", "SameSession.PowerShell.csproj");
    public string CliProject => Path.Combine(Root, "src", "SameSession.Cli", "SameSession.Cli.csproj");

    public static RepoLayout Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SameSession.slnx")))
                return new RepoLayout(dir.FullName);
        throw new BuildFailedException("run from inside the SameSession repository (SameSession.slnx not found).");
    }
}

internal sealed class BuildFailedException(string message) : Exception(message);
