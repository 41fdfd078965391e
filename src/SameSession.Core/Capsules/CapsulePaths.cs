using SameSession.Core.Capsules.Tar;

namespace SameSession.Core.Capsules;

/// <summary>The capsule entry names of each kind of content (docs/formats/capsule-v1.md, "Entries").</summary>
public static class CapsulePaths
{
    public const string NativePrefix = "native/";
    public const string DbPrefix = "db/";
    public const string SourcePrefix = "source/";

    /// <summary>"native/" + a path relative to the provider home, '/'-separated; refused when it is not a plain relative path.</summary>
    public static string Native(string relativeToProviderHome)
    {
        ArgumentNullException.ThrowIfNull(relativeToProviderHome);
        var path = NativePrefix + relativeToProviderHome.Replace('\\', '/');
        if (TarPath.Problem(path) is { } problem) throw new ArgumentException($"'{relativeToProviderHome}' cannot be a capsule entry: {problem}.", nameof(relativeToProviderHome));
        return path;
    }

    public static string DbRows(string database, string table) => $"{DbPrefix}{database}/{table}.jsonl";

    /// <summary>The path under the provider home for a native entry, or null for other entries.</summary>
    public static string? RelativeToProviderHome(string entryPath) =>
        entryPath.StartsWith(NativePrefix, StringComparison.Ordinal) ? entryPath[NativePrefix.Length..] : null;
}
