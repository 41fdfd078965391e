using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// The project opencode will resolve for a directory (its project.ts fromDirectory): no git → `global` with worktree
/// "/"; else the id cached in &lt;common git dir&gt;/opencode, else the first of the sorted root commits; the worktree is the
/// main work tree (the parent of the common git dir).
/// </summary>
internal sealed record OpenCodeProjectIdentity(string Id, string Worktree)
{
    public static OpenCodeProjectIdentity Global { get; } = new(OpenCodeProject.GlobalId, "/");

    public bool IsGlobal => Id == OpenCodeProject.GlobalId;

    public static OpenCodeProjectIdentity Resolve(string directory)
    {
        var tree = GitWorkTree.Find(directory, new ProjectRootFinder());
        if (tree is null) return Global;
        var common = tree.CommonDir;
        var worktree = Path.GetFileName(PathText.Trim(common)) == ".git" ? Path.GetDirectoryName(PathText.Trim(common))! : tree.Root;
        if (GitWorkTree.ReadFirstLine(Path.Combine(common, "opencode")) is { Length: > 0 } cached) return new(cached, worktree);
        var git = ProcessRunner.FindOnPath("git");
        if (git is null) return Global;
        var result = ProcessRunner.Run(git, ["rev-list", "--max-parents=0", "HEAD"], tree.Root, TimeSpan.FromSeconds(20));
        var roots = result.Succeeded
            ? result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList()
            : [];
        return roots.Count == 0 ? Global : new(roots[0], worktree);
    }
}
