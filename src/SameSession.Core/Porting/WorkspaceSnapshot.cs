using SameSession.Core.Errors;
using SameSession.Core.Infrastructure;
using SameSession.Core.Operations.Export;
using SameSession.Core.Policy;

namespace SameSession.Core.Porting;

/// <summary>
/// -IncludeWorkspace: the files of the session's directory. In a git work tree, what git would keep
/// (<c>git ls-files --cached --others --exclude-standard</c>, so .gitignore is honoured and build output stays out);
/// elsewhere every regular file, skipping .git. Credential files (the export denylist) and files over the per-file cap
/// are left out with a warning; over the total cap the export stops.
/// </summary>
public static class WorkspaceSnapshot
{
    public const long MaxFileSize = 25L * 1024 * 1024;
    public const long MaxTotalSize = 200L * 1024 * 1024;

    /// <summary>The files, relative to <paramref name="directory"/> with '/' separators, sorted.</summary>
    public static List<CollectedFile> Collect(string directory, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (!Directory.Exists(directory))
            throw new SameSessionException(ErrorIds.PathNotFound, $"The session's directory {directory} does not exist here, so there is no workspace to include; export without -IncludeWorkspace.", directory);
        var files = new List<CollectedFile>();
        long total = 0;
        foreach (var rel in GitFiles(directory) ?? AllFiles(directory))
        {
            var full = Path.Combine(directory, rel.Replace('/', Path.DirectorySeparatorChar));
            var info = new FileInfo(full);
            if (!info.Exists || info.LinkTarget is not null) continue; // deleted in the work tree, or a link
            if (ExportDenylist.Reason(rel) is { } reason)
            {
                warn($"Workspace file {rel} is left out: {reason}.");
                continue;
            }
            if (info.Length > MaxFileSize)
            {
                warn($"Workspace file {rel} is left out: {info.Length} bytes is over the {MaxFileSize}-byte limit per file.");
                continue;
            }
            if ((total += info.Length) > MaxTotalSize)
                throw new SameSessionException(ErrorIds.InvalidArgument, $"The workspace {directory} holds more than {MaxTotalSize} bytes; export without -IncludeWorkspace and share the code through git.", directory);
            files.Add(new CollectedFile(full, rel, "workspace", IsExecutable(info)));
        }
        return files;
    }

    private static List<string>? GitFiles(string directory)
    {
        if (ProcessRunner.FindOnPath("git") is not { } git) return null;
        var inside = ProcessRunner.Run(git, ["rev-parse", "--is-inside-work-tree"], directory, TimeSpan.FromSeconds(20));
        if (!inside.Succeeded || inside.StdOut.Trim() != "true") return null;
        var listed = ProcessRunner.Run(git, ["-c", "core.quotePath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], directory, TimeSpan.FromMinutes(2));
        if (!listed.Succeeded)
            throw new SameSessionException(ErrorIds.GitFailed, $"git ls-files failed in {directory}: {listed.StdErr.Trim()}", directory);
        return listed.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> AllFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(r => r != ".git" && !r.StartsWith(".git/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static bool IsExecutable(FileInfo info) =>
        !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
}
