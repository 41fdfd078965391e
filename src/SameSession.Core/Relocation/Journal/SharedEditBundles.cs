namespace SameSession.Core.Relocation.Journal;

/// <summary>Groups the change sets of a group commit that must be applied as one (their shared edits merge).</summary>
internal static class SharedEditBundles
{
    /// <summary>
    /// Which sets commit as one transaction: those whose shared edits touch a common path (transitively), in order;
    /// every other set on its own.
    /// </summary>
    public static List<List<int>> Of(IReadOnlyList<ChangeSet> sets)
    {
        var bundles = new List<(List<int> Sets, HashSet<string> Paths)>();
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal); // path -> index into bundles
        for (var i = 0; i < sets.Count; i++)
        {
            var paths = sets[i].Steps.Where(s => s.Shared is not null).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
            var joined = paths.Where(byPath.ContainsKey).Select(p => byPath[p]).Distinct().Order().ToList();
            if (joined.Count == 0)
            {
                bundles.Add(([i], paths));
                joined.Add(bundles.Count - 1);
            }
            else
            {
                var into = bundles[joined[0]];
                foreach (var other in joined.Skip(1))
                {
                    into.Sets.AddRange(bundles[other].Sets);
                    into.Paths.UnionWith(bundles[other].Paths);
                    bundles[other] = ([], []);
                }
                into.Sets.Add(i);
                into.Paths.UnionWith(paths);
            }
            foreach (var p in bundles[joined[0]].Paths) byPath[p] = joined[0];
        }
        return bundles.Where(b => b.Sets.Count > 0).Select(b => b.Sets.Order().ToList()).ToList();
    }
}
