using System.CommandLine;
using System.Reflection;
using SameSession.Cli.Commands;

namespace SameSession.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var parsed = BuildRoot().Parse(args);
        if (parsed.Errors.Count == 0) return parsed.Invoke();
        foreach (var e in parsed.Errors) Console.Error.WriteLine($"samesession: {e.Message}");
        Console.Error.WriteLine("  error id: InvalidArgument; run 'samesession --help' for usage");
        return SameSession.Core.Errors.ErrorIds.InvalidArgument.ExitCode;
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("samesession: move, repair, export and import coding-agent sessions (Claude Code, Codex, opencode, acpx, Gemini CLI).");
        var commands = Commands.Select(c => c.Create()).OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var c in commands) root.Subcommands.Add(c);
        return root;
    }

    /// <summary>Every top-level command, listed rather than found by reflection: a trimmed native build keeps only
    /// what is named. A test compares this list with a reflection scan, so a new command cannot be forgotten.</summary>
    internal static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new DoctorCommand(), new ExportCommand(), new IdentityCommand(), new ImportCommand(),
        new InspectCommand(), new ListCommand(), new MoveCommand(), new RepairCommand(),
    ];

    internal static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
