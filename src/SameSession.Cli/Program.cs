using System.CommandLine;
using System.Reflection;

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
        var commands = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Create())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var c in commands) root.Subcommands.Add(c);
        return root;
    }

    internal static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
