using System.Collections.Concurrent;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Infrastructure;

/// <summary>The git top-level of a directory (the nearest ancestor holding .git), cached per directory for one discovery run.</summary>
internal sealed class ProjectRootFinder
{
    private readonly ConcurrentDictionary<string, string?> _cache = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, bool> _exists = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, GitWorkTree?> _trees = new(StringComparer.Ordinal);

    /// <summary>The git work tree at a top level this finder returned, opened once per run.</summary>
    public GitWorkTree? TreeAt(string root, Func<string, GitWorkTree?> open) => _trees.GetOrAdd(root, open);

    /// <summary>Directory.Exists, asked once per distinct directory in a discovery run (many sessions share one).</summary>
    public bool DirectoryExists(string directory) => _exists.GetOrAdd(directory, Directory.Exists);

    public string? Find(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Path.IsPathFullyQualified(directory)) return null;
        return _cache.GetOrAdd(directory, Walk);
    }

    private string? Walk(string directory)
    {
        if (!DirectoryExists(directory)) return null;
        if (Path.Exists(Path.Combine(directory, ".git"))) return directory; // a folder, or a linked work tree's file
        var parent = Path.GetDirectoryName(directory);
        return parent is null || parent == directory ? null : _cache.GetOrAdd(parent, Walk);
    }
}
