using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Compat.Harness;

/// <summary>Makes a directory a git repository with one commit (a root commit is what identifies a moved project).</summary>
public static class GitRepo
{
    public static void InitWithCommit(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "README.md"), "project\n");
        Git(directory, "init", "-q");
        Git(directory, "add", "README.md");
        Git(directory, "-c", "user.name=Compat", "-c", "user.email=compat@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "first");
    }

    private static void Git(string directory, params string[] arguments)
    {
        var git = ProcessRunner.FindOnPath("git") ?? throw new FileNotFoundException("git is not on PATH (.ci/prerequisites installs it)");
        var r = ProcessRunner.Run(git, arguments, directory, TimeSpan.FromSeconds(30));
        if (!r.Succeeded) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {directory}: {r.StdErr}");
    }
}
