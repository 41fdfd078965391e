using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// An opencode session is orphaned when its directory is gone, or when it was left in the `global` project while its
/// directory now lies in a git repository opencode knows as a project (opencode only re-homes sessions whose directory
/// equals the new worktree, so the rest stay invisible from that repository).
/// </summary>
internal static class OpenCodeOrphans
{
    public static string? Reason(OpenCodeSessionRow row, IReadOnlyDictionary<string, OpenCodeProject> projects, GitWorkTree? tree, ProjectRootFinder roots)
    {
        if (row.Directory is not { Length: > 0 } dir) return null;
        if (!roots.DirectoryExists(dir)) return $"directory {dir} no longer exists";
        if (row.ProjectId != OpenCodeProject.GlobalId) return null;
        if (tree is null) return null;
        var owner = projects.Values.FirstOrDefault(p => p.Owns(dir));
        if (owner is null && GitWorkTree.ReadFirstLine(Path.Combine(tree.CommonDir, "opencode")) is { Length: > 0 } cached)
            owner = projects.GetValueOrDefault(cached);
        return owner is null || owner.Id == OpenCodeProject.GlobalId
            ? null
            : $"left in the global project while {dir} now belongs to project {owner.Id}";
    }
}
