using SameSession.Core.Relocation.Journal;

namespace SameSession.Core.Relocation.Rebind.ClaudeCode;

/// <summary>
/// <c>~/.claude.json</c>: the new directory gets a copy of the old directory's project entry. One file for every
/// project, so the edits of a group's sessions are merged into one write.
/// </summary>
internal sealed class ClaudeConfigEdit(string path, string fromDirectory, string toDirectory) : SharedFileEdit
{
    private string From { get; } = fromDirectory;
    private string To { get; } = toDirectory;

    /// <summary>Whether the config has an entry for <paramref name="directory"/> (parsed once per batch and version of the file).</summary>
    public static bool HasEntry(FileFacts facts, string path, string directory) =>
        facts.Get(path, "claude config projects", p => ClaudeConfigProjects.Keys(File.ReadAllBytes(p)))?.Contains(directory) == true;

    public override Action<Stream> Merge(IReadOnlyList<SharedFileEdit> edits) => output =>
    {
        var bytes = File.ReadAllBytes(path);
        foreach (var e in edits.Cast<ClaudeConfigEdit>())
            bytes = ClaudeConfigProjects.CopyEntry(bytes, e.From, e.To) ?? bytes;
        output.Write(bytes);
    };
}
