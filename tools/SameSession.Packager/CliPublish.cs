using System.Runtime.InteropServices;

namespace SameSession.Packager;

/// <summary>
/// Publishes the CLI ReadyToRun-compiled for this machine: a command-line tool pays its start-up on every run, and
/// precompiled code halves it. The runtime discards precompiled code built against an older major version of .NET
/// (a net8.0 build rolled forward to .NET 10 would JIT everything), so the CLI is published for the major version
/// running this build when the project targets it, else for net8.0. When the crossgen package cannot be restored
/// (an offline feed without it) the portable, JIT-compiled CLI is published instead; it only starts slower.
/// </summary>
internal static class CliPublish
{
    private static readonly string[] CliFrameworks = ["net8.0", "net10.0"];

    public static void Run(RepoLayout repo, string configuration)
    {
        var framework = Framework();
        var rid = RuntimeInformation.RuntimeIdentifier;
        string[] common = ["publish", repo.CliProject, "-c", configuration, "-f", framework, "-o", repo.CliOut, "--nologo", "-v", "quiet"];
        try
        {
            DotNet.Run(repo.Root, [.. common, "-r", rid, "--self-contained", "false", "-p:PublishReadyToRun=true"]);
        }
        catch (BuildFailedException ex)
        {
            Console.Error.WriteLine($"warning: ReadyToRun publish of the CLI for {rid} failed ({ex.Message}); publishing the portable CLI.");
            if (Directory.Exists(repo.CliOut)) Directory.Delete(repo.CliOut, recursive: true);
            DotNet.Run(repo.Root, common);
        }
    }

    private static string Framework()
    {
        var running = $"net{Environment.Version.Major}.0";
        return CliFrameworks.Contains(running, StringComparer.Ordinal) ? running : CliFrameworks[0];
    }
}
