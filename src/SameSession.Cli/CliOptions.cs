using System.CommandLine;

namespace SameSession.Cli;

/// <summary>Options shared by many commands, created fresh per command (System.CommandLine options are not shareable).</summary>
internal static class CliOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON to stdout (errors as a JSON object on stderr)." };
    public static Option<bool> WhatIf() => new("--what-if") { Description = "Print what would change and change nothing." };
    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Print progress and details to stderr." };
    public static Option<bool> Force() => new("--force") { Description = "Proceed even when the session is live or the target exists." };
}
