using System.CommandLine;

namespace SameSession.Cli;

/// <summary>Key options shared by export, import and inspect.</summary>
internal static class CliKeys
{
    public static Option<string[]> Identity() => new("--identity", "-i") { Description = "An identity file (default: your identity file); repeatable." };

    /// <summary>A passphrase never goes on the command line (shell history, process lists): it is read from a file or "-" (stdin).</summary>
    public static Option<string?> PassphraseFile() => new("--passphrase-file") { Description = "Read the passphrase from this file (its first line), or - for stdin." };

    public static string? ReadPassphrase(string? file) => file switch
    {
        null => null,
        "-" => Console.In.ReadLine(),
        _ => File.ReadLines(file).FirstOrDefault() ?? "",
    };

    public static string ToolVersion => typeof(CliKeys).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
