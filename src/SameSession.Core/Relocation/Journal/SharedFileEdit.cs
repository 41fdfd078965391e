namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// One change set's edit of a file many sessions share (Claude's prompt history, <c>~/.claude.json</c>). A group
/// commit merges the edits of one path into a single write, so a shared file does not force every session into a
/// group of its own; the change sets whose edits were merged then commit together as one journal transaction.
/// </summary>
public abstract class SharedFileEdit
{
    /// <summary>A content producer that applies all <paramref name="edits"/> (this edit's type, one path) in one write.</summary>
    public abstract Action<Stream> Merge(IReadOnlyList<SharedFileEdit> edits);
}
