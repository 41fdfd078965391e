using SameSession.Core.Operations.Export;
using SameSession.Core.Relocation.Journal;

namespace SameSession.Core.Porting;

/// <summary>Session files as capsule entries: their path relative to the agent home, '/'-separated.</summary>
internal static class CollectedFiles
{
    public static CollectedFile Entry(string home, string path, string role) =>
        new(path, Path.GetRelativePath(home, path).Replace(Path.DirectorySeparatorChar, '/'), role);

    /// <summary>Every file under <paramref name="folder"/> (none when it is missing), without a journal's staged or backup files.</summary>
    public static IEnumerable<CollectedFile> Tree(string home, string folder, string role) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(StepActions.NewSuffix, StringComparison.Ordinal) && !f.EndsWith(StepActions.OldSuffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(f => Entry(home, f, role))
            : [];
}
