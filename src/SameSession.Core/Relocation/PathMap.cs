using System.Collections.ObjectModel;

namespace SameSession.Core.Relocation;

/// <summary>
/// Maps paths from source roots to destination roots, keeping the sub-path. Longest matching root wins; a root
/// only matches whole segments ("/src/proj" never matches "/src/project"); matching follows the source style's
/// case rule; separators after the root are converted to the destination style.
/// </summary>
public sealed class PathMap
{
    private readonly List<PathMapping> _mappings = [];

    public PathMap() { }

    public PathMap(IEnumerable<PathMapping> mappings)
    {
        foreach (var m in mappings) Add(m);
    }

    public ReadOnlyCollection<PathMapping> Mappings => _mappings.AsReadOnly();

    public bool IsEmpty => _mappings.Count == 0;

    /// <summary>A one-rule map with both styles inferred from the spelling.</summary>
    public static PathMap Of(string source, string destination) => new PathMap().Add(source, destination);

    public PathMap Add(string source, string destination, PathStyle? sourceStyle = null, PathStyle? destinationStyle = null) =>
        Add(new PathMapping(source, sourceStyle ?? PathStyles.Infer(source), destination, destinationStyle ?? PathStyles.Infer(destination)));

    public PathMap Add(PathMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        _mappings.RemoveAll(m => string.Equals(m.Source, mapping.Source, m.SourceStyle.Comparison()));
        _mappings.Add(mapping);
        // Longest source first, so the first match is the longest-prefix match.
        _mappings.Sort((a, b) => b.Source.Length.CompareTo(a.Source.Length));
        return this;
    }

    public PathMap Inverse() => new(_mappings.Select(m => m.Inverse()));

    /// <summary>A copy of this map plus more rules (the originals win on equal roots only if not overridden).</summary>
    public PathMap With(IEnumerable<PathMapping> more) => new(_mappings.Concat(more));

    public bool TryMap(string path, out string mapped)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var m in _mappings)
        {
            var len = m.MatchLength(path);
            if (len < 0) continue;
            mapped = m.Apply(path, len);
            return true;
        }
        mapped = path;
        return false;
    }

    /// <summary>The mapped path, or the input unchanged when no root matches.</summary>
    public string Map(string path) => TryMap(path, out var mapped) ? mapped : path;

    public bool Matches(string path) => _mappings.Any(m => m.MatchLength(path) >= 0);

    public override string ToString() => string.Join("; ", _mappings.Select(m => $"{m.Source} => {m.Destination}"));
}
