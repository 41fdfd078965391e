namespace SameSession.Core.Errors;

/// <summary>
/// A stable error identity shared by the cmdlets (FullyQualifiedErrorId prefix) and the CLI (exit code, --json).
/// Ids and exit codes are public contract: never renumber, only add.
/// </summary>
public sealed record ErrorId(string Name, ErrorCategoryKind Category, int ExitCode, string Meaning)
{
    public override string ToString() => Name;
}
