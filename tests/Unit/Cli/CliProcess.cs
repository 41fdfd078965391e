using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Unit.Cli;

/// <summary>Runs the samesession CLI built beside the tests as a real process.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "samesession.dll");

    public static ProcessResult Run(IReadOnlyDictionary<string, string?>? env, params string[] args) =>
        ProcessRunner.Run("dotnet", [Dll, .. args], environment: env, timeout: TimeSpan.FromMinutes(2));

    public static ProcessResult Run(params string[] args) => Run(null, args);
}
