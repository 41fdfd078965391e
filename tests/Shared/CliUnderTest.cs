namespace SameSession.Tests;

/// <summary>
/// The samesession CLI the tests run as a child process: the packaged one named by <c>SAMESESSION_CLI</c> (test.sh
/// sets it to out/cli/samesession, the native build users get), else the build beside the tests (<c>dotnet
/// samesession.dll</c>) for a quick `dotnet test` while developing.
/// </summary>
internal static class CliUnderTest
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "samesession.dll");

    /// <summary>The program to start and the arguments that come before the CLI's own.</summary>
    public static (string Program, string[] Prefix) Command()
    {
        if (Environment.GetEnvironmentVariable("SAMESESSION_CLI") is { Length: > 0 } packaged)
            return File.Exists(packaged) ? (packaged, []) : throw new FileNotFoundException($"SAMESESSION_CLI names {packaged}, which does not exist; build it with the packager.", packaged);
        if (!File.Exists(Dll)) throw new FileNotFoundException($"samesession.dll is not beside the tests at {Dll}; build the test project.", Dll);
        return (SameSession.Core.Infrastructure.ProcessRunner.FindOnPath("dotnet") ?? "dotnet", [Dll]);
    }
}
