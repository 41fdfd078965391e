using System.Runtime.InteropServices;

namespace SameSession.Packager;

/// <summary>
/// Publishes the CLI as fast-starting as this machine can build it. A command-line tool pays its start-up on every
/// run: native code (Native AOT) starts in a few milliseconds with no runtime to load and nothing to JIT, where a
/// ReadyToRun build needs ~35 ms and a portable one more. Each step falls back to the next when its packages or
/// toolchain (the ILCompiler package, a C linker) are missing:
/// <list type="number">
/// <item>Native AOT of the net8.0 build (the feed serves the net8.0 ILCompiler packages) for this machine's RID;</item>
/// <item>ReadyToRun for the running .NET major version (precompiled code built for an older major is discarded);</item>
/// <item>the portable, JIT-compiled CLI.</item>
/// </list>
/// The kind built is written to <c>out/cli/build-kind.txt</c> and printed.
/// </summary>
internal static class CliPublish
{
    private static readonly string[] CliFrameworks = ["net8.0", "net10.0"];

    public static void Run(RepoLayout repo, string configuration)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        string[] Common(string framework) =>
            ["publish", repo.CliProject, "-c", configuration, "-f", framework, "-o", repo.CliOut, "--nologo", "-v", "quiet"];

        (string Kind, Func<string[]> Args)[] attempts =
        [
            ("native", () => [.. Common("net8.0"), "-r", rid, "-p:SameSessionNativeAot=true"]),
            ("readytorun", () => [.. Common(Framework()), "-r", rid, "--self-contained", "false", "-p:PublishReadyToRun=true"]),
            ("portable", () => Common(Framework())),
        ];
        if (Environment.GetEnvironmentVariable("SAMESESSION_CLI_KIND") is { Length: > 0 } only)
            attempts = attempts.Where(a => a.Kind == only).ToArray() is { Length: > 0 } chosen ? chosen
                : throw new BuildFailedException($"SAMESESSION_CLI_KIND={only}: expected native, readytorun or portable");

        foreach (var (kind, args) in attempts)
        {
            if (Directory.Exists(repo.CliOut)) Directory.Delete(repo.CliOut, recursive: true);
            try
            {
                DotNet.Run(repo.Root, args());
                if (kind == "native") DropSymbolFiles(repo.CliOut);
                File.WriteAllText(Path.Combine(repo.CliOut, "build-kind.txt"), kind + "\n");
                Console.WriteLine($"cli kind: {kind}");
                return;
            }
            catch (BuildFailedException ex) when (kind != attempts[^1].Kind)
            {
                Console.Error.WriteLine($"warning: {kind} publish of the CLI for {rid} failed ({ex.Message}); trying the next kind.");
            }
        }
    }

    /// <summary>The native binary's symbols (.dbg, twice its size) and Core's .pdb serve no user of the package.</summary>
    private static void DropSymbolFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".dbg", StringComparison.Ordinal) || f.EndsWith(".pdb", StringComparison.Ordinal)))
            File.Delete(file);
    }

    private static string Framework()
    {
        var running = $"net{Environment.Version.Major}.0";
        return CliFrameworks.Contains(running, StringComparer.Ordinal) ? running : CliFrameworks[0];
    }
}
