using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// The real `samesession` CLI as a child process (<see cref="CliUnderTest"/>: the packaged native CLI under test.sh),
/// run with the agents' environment so it sees the same throwaway homes the agent CLIs wrote.
/// </summary>
public static class SameSessionCli
{
    /// <summary>Runs samesession in <paramref name="cwd"/> with the union of the agents' environments; throws when it fails.</summary>
    public static CliResult Run(string cwd, IEnumerable<AgentCli> agents, params string[] arguments)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var agent in agents)
            foreach (var (k, v) in agent.Environment(cwd)) env[k] = v;
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var (program, prefix) = CliUnderTest.Command();
        var r = ProcessRunner.Run(program, [.. prefix, .. arguments], cwd, TimeSpan.FromMinutes(2), env, stdin: "");
        var result = new CliResult("samesession", arguments, r.ExitCode, r.StdOut, r.StdErr, r.TimedOut);
        Console.WriteLine($"samesession {string.Join(' ', arguments)}\n{r.StdOut}{r.StdErr}");
        return result.EnsureSuccess();
    }
}
