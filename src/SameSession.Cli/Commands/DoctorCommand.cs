using System.CommandLine;
using SameSession.Core.Operations.Doctor;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession doctor`: the CLI twin of Test-SameSession.</summary>
internal sealed class DoctorCommand : ICliCommand
{
    public Command Create()
    {
        var json = CliOptions.Json();
        var cmd = new Command("doctor", "Report the .NET runtime, git, age, SQLite, and each agent's home and CLI version.") { json };
        cmd.SetAction(pr =>
        {
            var asJson = pr.GetValue(json);
            return CliRunner.Run(asJson, static c => c.DoctorReport, () => DoctorOperation.Run(AgentEnvironment.Current, new CliObserver(Console.Error)), Print);
        });
        return cmd;
    }

    private static void Print(DoctorReport r, TextWriter o)
    {
        o.WriteLine($"SameSession {r.SameSessionVersion}");
        o.WriteLine($"  runtime  {r.DotNetRuntime} ({r.RuntimeIdentifier})");
        o.WriteLine($"  os       {r.OperatingSystem}");
        o.WriteLine($"  git      {r.GitVersion ?? "NOT FOUND (install git)"}");
        o.WriteLine($"  age      {(r.AgePath is null ? "not on PATH (optional: the built-in age is used)" : $"{r.AgeVersion} at {r.AgePath}")}");
        o.WriteLine($"  sqlite   {r.SqliteVersion ?? "NOT LOADED"}");
        o.WriteLine("agents:");
        foreach (var a in r.Agents)
        {
            var home = a.HomeExists ? a.Home : $"{a.Home} (absent)";
            var over = a.OverrideInEffect ? $" [{a.OverrideVariable}]" : "";
            var cli = a.CliPath is null ? "CLI not on PATH" : $"CLI {a.CliVersion ?? "?"} at {a.CliPath}";
            o.WriteLine($"  {a.Provider,-10} {home}{over}; {cli}");
        }
        o.WriteLine(r.IsHealthy ? "ok" : "problems found (see above)");
    }
}
