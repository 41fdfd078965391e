using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// The real `samesession` CLI as a child process (`dotnet samesession.dll`, built beside the tests through the project
/// reference), run with the agents' environment so it sees the same throwaway homes the agent CLIs wrote.
/// </summary>
public static class SameSessionCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "samesession.dll");

    /// <summary>Runs samesession in <paramref name="cwd"/> with the union of the agents' environments; throws when it fails.</summary>
    public static CliResult Run(string cwd, IEnumerable<AgentCli> agents, params string[] arguments)
    {
        if (!File.Exists(Dll)) throw new FileNotFoundException($"samesession.dll is not beside the tests at {Dll}; build tests/Compat.", Dll);
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var agent in agents)
            foreach (var (k, v) in agent.Environment(cwd)) env[k] = v;
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var dotnet = ProcessRunner.FindOnPath("dotnet") ?? throw new FileNotFoundException("dotnet is not on PATH");
        var r = ProcessRunner.Run(dotnet, [Dll, .. arguments], cwd, TimeSpan.FromMinutes(2), env, stdin: "");
        var result = new CliResult("samesession", arguments, r.ExitCode, r.StdOut, r.StdErr, r.TimedOut);
        Console.WriteLine($"samesession {string.Join(' ', arguments)}\n{r.StdOut}{r.StdErr}");
        return result.EnsureSuccess();
    }
}
