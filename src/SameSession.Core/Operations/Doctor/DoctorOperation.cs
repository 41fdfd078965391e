using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using SameSession.Core.Infrastructure;
using SameSession.Core.Providers;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Doctor;

/// <summary>Inspects the machine: runtime, git, age, SQLite, agent homes and CLIs.</summary>
public static partial class DoctorOperation
{
    public static DoctorReport Run(AgentEnvironment env, IOperationObserver observer)
    {
        var pathVar = env.Get("PATH");
        var git = ProgramVersion("git", pathVar, ["--version"], observer);
        var agePath = ProcessRunner.FindOnPath("age", pathVar);
        var age = agePath is null ? null : ProgramVersion("age", pathVar, ["--version"], observer);

        var agents = Enum.GetValues<AgentProvider>().Select(a => Describe(a, env, pathVar, observer)).ToList();
        return new DoctorReport
        {
            SameSessionVersion = typeof(DoctorOperation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            DotNetRuntime = RuntimeInformation.FrameworkDescription,
            OperatingSystem = RuntimeInformation.OSDescription,
            RuntimeIdentifier = RuntimeInformation.RuntimeIdentifier,
            GitVersion = git is null ? null : FirstVersion(git),
            AgePath = agePath,
            AgeVersion = age is null ? null : FirstVersion(age) ?? age.Trim(),
            SqliteVersion = SqliteProbe.Version(observer),
            Agents = agents,
        };
    }

    private static AgentHomeStatus Describe(AgentProvider provider, AgentEnvironment env, string? pathVar, IOperationObserver observer)
    {
        var home = AgentHomes.Resolve(provider, env);
        var variable = AgentHomes.OverrideVariable(provider);
        var cli = ProcessRunner.FindOnPath(AgentHomes.CliName(provider), pathVar);
        var version = cli is null ? null : ProgramVersion(cli, pathVar, ["--version"], observer);
        return new AgentHomeStatus
        {
            Provider = provider.ToString(),
            Home = home,
            HomeExists = Directory.Exists(home),
            OverrideVariable = variable,
            OverrideInEffect = variable is not null && env.Get(variable) is not null,
            CliPath = cli,
            CliVersion = version is null ? null : FirstVersion(version) ?? version.Trim(),
        };
    }

    private static string? ProgramVersion(string program, string? pathVar, string[] args, IOperationObserver observer)
    {
        var exe = Path.IsPathRooted(program) ? program : ProcessRunner.FindOnPath(program, pathVar);
        if (exe is null) return null;
        try
        {
            var r = ProcessRunner.Run(exe, args, timeout: TimeSpan.FromSeconds(20));
            if (r.Succeeded) return (r.StdOut.Length > 0 ? r.StdOut : r.StdErr).Trim();
            observer.Warning($"{exe} --version failed (exit {r.ExitCode}{(r.TimedOut ? ", timed out" : "")}).");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            observer.Warning($"{exe}: {ex.Message}");
        }
        return null;
    }

    internal static string? FirstVersion(string text)
    {
        var m = VersionPattern().Match(text);
        return m.Success ? m.Value.TrimStart('v') : null;
    }

    [GeneratedRegex(@"v?\d+\.\d+(\.\d+)?([-.+][0-9A-Za-z.-]+)?")]
    private static partial Regex VersionPattern();
}
