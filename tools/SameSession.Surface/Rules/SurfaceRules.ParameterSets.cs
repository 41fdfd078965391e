using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

public static partial class SurfaceRules
{
    /// <summary>
    /// Parameter sets PowerShell can always tell apart: a valid default set, no two sets with the same
    /// parameters, no two sets whose distinct by-value pipeline parameters take the same type, a set-specific
    /// parameter in every non-default set, positions 0..n-1 without gaps or duplicates, one by-value parameter per set.
    /// </summary>
    public static IEnumerable<Violation> ParameterSets(CmdletSurface surface)
    {
        foreach (var c in surface.Cmdlets)
        {
            var source = SurfaceConventions.SourceFileOf(c.ClassName);
            var sets = c.ParameterSetNames;
            var members = sets.ToDictionary(s => s, s => c.ParametersIn(s).ToList(), StringComparer.OrdinalIgnoreCase);

            if (sets.Count >= 2 && (c.DefaultParameterSetName is null || !sets.Contains(c.DefaultParameterSetName, StringComparer.OrdinalIgnoreCase)))
            {
                var what = c.DefaultParameterSetName is null ? "no DefaultParameterSetName" : $"DefaultParameterSetName = \"{c.DefaultParameterSetName}\", which no parameter uses";
                yield return new(RuleIds.DefaultParameterSet, c.Name,
                    $"{source} has {sets.Count} parameter sets ({string.Join(", ", sets)}) but {what}; set [Cmdlet(..., DefaultParameterSetName = \"<one of them>\")], the most common way to call it.");
            }

            for (var i = 0; i < sets.Count; i++)
            {
                for (var j = i + 1; j < sets.Count; j++)
                {
                    var a = members[sets[i]];
                    var b = members[sets[j]];
                    var namesA = a.Select(m => m.Parameter.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    if (namesA.SetEquals(b.Select(m => m.Parameter.Name)))
                    {
                        yield return new(RuleIds.DuplicateParameterSet, c.Name,
                            $"parameter sets '{sets[i]}' and '{sets[j]}' in {source} have the same parameters ({string.Join(", ", namesA.Order())}); merge them or give each a parameter of its own.");
                    }
                    foreach (var (pa, pb) in ClashingByValue(surface, a, b))
                    {
                        yield return new(RuleIds.AmbiguousPipelineSets, c.Name,
                            $"piped {pa.TypeFullName} objects could bind to -{pa.Name} (set '{sets[i]}') or -{pb.Name} (set '{sets[j]}') in {source}; use one ValueFromPipeline parameter shared by both sets, or make the types distinct.");
                    }
                }
            }

            if (sets.Count >= 2)
            {
                foreach (var set in sets.Where(s => !string.Equals(s, c.EffectiveDefaultSet, StringComparison.OrdinalIgnoreCase)))
                {
                    var own = members[set].Where(m => sets.Any(other => other != set && !members[other].Any(o => o.Parameter == m.Parameter)));
                    if (!own.Any())
                    {
                        yield return new(RuleIds.IndistinctParameterSet, c.Name,
                            $"parameter set '{set}' in {source} has no parameter that some other set lacks, so PowerShell can never choose it; give it a mandatory parameter of its own.");
                    }
                }
            }

            foreach (var set in sets)
            {
                var positions = members[set].Where(m => m.Settings.Position is not null)
                    .GroupBy(m => m.Settings.Position!.Value).OrderBy(g => g.Key).ToList();
                foreach (var dup in positions.Where(g => g.Count() > 1))
                {
                    yield return new(RuleIds.ParameterPosition, c.Name,
                        $"parameters {string.Join(", ", dup.Select(m => "-" + m.Parameter.Name))} share Position = {dup.Key} in set '{set}' ({source}); give each a distinct position.");
                }
                var actual = positions.Select(g => g.Key).ToList();
                if (!actual.SequenceEqual(Enumerable.Range(0, actual.Count)))
                {
                    yield return new(RuleIds.ParameterPosition, c.Name,
                        $"positions in set '{set}' ({source}) are {string.Join(", ", actual)}; number positional parameters 0, 1, 2... without gaps.");
                }
                var byValue = members[set].Where(m => m.Settings.ValueFromPipeline).Select(m => "-" + m.Parameter.Name).ToList();
                if (byValue.Count > 1)
                {
                    yield return new(RuleIds.MultiplePipelineParameters, c.Name,
                        $"set '{set}' in {source} has {byValue.Count} ValueFromPipeline parameters ({string.Join(", ", byValue)}); keep one (InputObject) and put the others in other sets or make them ValueFromPipelineByPropertyName.");
                }
            }
        }
    }

    private static IEnumerable<(ParameterInfo A, ParameterInfo B)> ClashingByValue(
        CmdletSurface surface,
        List<(ParameterInfo Parameter, ParameterSetInfo Settings)> a,
        List<(ParameterInfo Parameter, ParameterSetInfo Settings)> b)
    {
        foreach (var pa in a.Where(m => m.Settings.ValueFromPipeline).Select(m => m.Parameter))
        {
            foreach (var pb in b.Where(m => m.Settings.ValueFromPipeline).Select(m => m.Parameter))
            {
                if (pa == pb) continue;
                if (TypeBinding.Accepts(surface, pa.TypeFullName, pb.TypeFullName) || TypeBinding.Accepts(surface, pb.TypeFullName, pa.TypeFullName))
                {
                    yield return (pa, pb);
                }
            }
        }
    }
}
