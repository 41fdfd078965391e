namespace SameSession.Surface.Rules;

/// <summary>The project's naming and behaviour conventions the rules enforce.</summary>
public static class SurfaceConventions
{
    /// <summary>Nouns must start with one of these product prefixes (SD01: specific, prefixed nouns).</summary>
    public static readonly IReadOnlyList<string> NounPrefixes = ["AgentSession", "AgentCapsule", "AgentTranscript", "SameSession"];

    /// <summary>A command in the docs whose noun starts with one of these is taken to mean one of ours (and must exist).</summary>
    public static readonly IReadOnlyList<string> DocNounPrefixes = ["Agent", "SameSession"];

    public const string CommandsNamespaceSuffix = ".Commands";

    /// <summary>
    /// Verbs whose cmdlets change state outside the PowerShell session, so they must declare
    /// SupportsShouldProcess and call ShouldProcess per change (RD04). Decided, not derived:
    /// every approved verb that creates, deletes, moves, writes, persists, registers, starts/stops or alters
    /// access. Invoke is NOT in the list: what it changes depends on what is invoked (Invoke-Command has no
    /// -WhatIf); a SameSession Invoke-* that changes data must still opt in. Read-only verbs (Get, Test, Find,
    /// Search, Select, Show, Format, Measure, Compare, Resolve, Trace, Convert*, Out, Wait, Watch, Read,
    /// Receive, Confirm, Assert, Use, Debug) are also absent.
    /// </summary>
    public static readonly IReadOnlySet<string> MutatingVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // From the team brief.
        "Move", "Remove", "Set", "New", "Export", "Import", "Publish", "Unpublish", "Resume", "Repair", "Restore",
        "Rename", "Copy", "Clear", "Reset", "Lock", "Unlock", "Register", "Unregister", "Install", "Uninstall",
        "Update", "Sync", "Save", "Write", "Add", "Start", "Stop", "Submit",
        // Other approved verbs that change state by definition.
        "Backup", "Checkpoint", "Initialize", "Merge", "Mount", "Dismount", "Edit", "Compress", "Expand",
        "Enable", "Disable", "Suspend", "Restart", "Send", "Approve", "Deny", "Complete",
        "Grant", "Revoke", "Block", "Unblock", "Protect", "Unprotect", "Resize", "Optimize", "Undo", "Redo", "Close",
    };

    /// <summary>Where a cmdlet's class is expected to live, for messages.</summary>
    public static string SourceFileOf(string className) => $"src/SameSession.PowerShell/Commands/{className}.cs";

    public static string HelpFileOf(string cmdletName) => $"docs/help/{cmdletName}.md";
}
