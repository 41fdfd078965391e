using System.Text.RegularExpressions;
using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

public static partial class SurfaceRules
{
    /// <summary>Class named &lt;Verb&gt;&lt;Noun&gt;Command in a *.Commands namespace, public sealed concrete, public parameterless ctor; names unique.</summary>
    public static IEnumerable<Violation> ClassNaming(CmdletSurface surface)
    {
        foreach (var c in surface.Cmdlets)
        {
            var source = SurfaceConventions.SourceFileOf(c.ClassName);
            var expected = c.Verb + c.Noun + "Command";
            if (!string.Equals(c.ClassName, expected, StringComparison.Ordinal))
            {
                yield return new(RuleIds.ClassName, c.Name,
                    $"class {c.ClassFullName} declares [Cmdlet(\"{c.Verb}\", \"{c.Noun}\")] but is not named {expected}; rename the class and its file to {SurfaceConventions.SourceFileOf(expected)} (the class name is part of every FullyQualifiedErrorId).");
            }
            if (!c.Namespace.EndsWith(SurfaceConventions.CommandsNamespaceSuffix, StringComparison.Ordinal))
            {
                yield return new(RuleIds.ClassNamespace, c.Name,
                    $"class {c.ClassFullName} ({source}) is in namespace '{c.Namespace}'; move it to a namespace ending in '{SurfaceConventions.CommandsNamespaceSuffix}' (SameSession.PowerShell.Commands).");
            }
            var shape = new List<string>();
            if (!c.IsPublic) shape.Add("make it public");
            if (!c.IsSealed) shape.Add("seal it");
            if (c.IsAbstract) shape.Add("make it non-abstract");
            if (!c.HasPublicParameterlessConstructor) shape.Add("give it a public parameterless constructor");
            if (shape.Count > 0)
            {
                yield return new(RuleIds.ClassShape, c.Name,
                    $"class {c.ClassFullName} ({source}) cannot be loaded as a cmdlet the way PowerShell expects: {string.Join(", ", shape)}.");
            }
        }
        foreach (var group in surface.Cmdlets.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new(RuleIds.DuplicateCmdlet, group.Key,
                $"{group.Count()} classes declare {group.Key}: {string.Join(", ", group.Select(c => c.ClassFullName))}; keep one.");
        }
    }

    /// <summary>Approved verb (Verbs* constants of SMA, minus reserved), noun PascalCase, singular and product-prefixed.</summary>
    public static IEnumerable<Violation> VerbAndNoun(CmdletSurface surface)
    {
        foreach (var c in surface.Cmdlets)
        {
            var source = SurfaceConventions.SourceFileOf(c.ClassName);
            var approved = surface.ApprovedVerbs.FirstOrDefault(v => string.Equals(v, c.Verb, StringComparison.OrdinalIgnoreCase));
            if (!string.Equals(approved, c.Verb, StringComparison.Ordinal))
            {
                var hint = approved is null ? "pick an approved one (Get-Verb lists them)" : $"write it as '{approved}'";
                yield return new(RuleIds.ApprovedVerb, c.Name,
                    $"verb '{c.Verb}' in {source} is not an approved PowerShell verb; {hint} and use the Verbs* constant (e.g. VerbsCommon.Move) in [Cmdlet].");
            }
            foreach (var problem in NounProblems(c.Noun))
            {
                yield return new(RuleIds.NounName, c.Name, $"noun '{c.Noun}' in {source} {problem}.");
            }
        }
    }

    private static IEnumerable<string> NounProblems(string noun)
    {
        if (!PascalCase().IsMatch(noun))
        {
            yield return "must be PascalCase letters and digits only (no '-', spaces or RD02 characters)";
            yield break;
        }
        if (!SurfaceConventions.NounPrefixes.Any(p => noun.StartsWith(p, StringComparison.Ordinal)))
        {
            yield return $"must start with a product prefix ({string.Join(", ", SurfaceConventions.NounPrefixes)}); rename it or add the prefix to SurfaceConventions.NounPrefixes";
        }
        var lastWord = Words().Matches(noun).LastOrDefault()?.Value ?? noun;
        if (LooksPlural(lastWord))
        {
            yield return $"looks plural ('{lastWord}'); PowerShell nouns are singular even when the cmdlet returns many objects";
        }
    }

    private static bool LooksPlural(string word) =>
        word.Length > 3 && word.EndsWith('s')
        && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
        && !word.EndsWith("is", StringComparison.Ordinal) && !word.EndsWith("ics", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$")]
    private static partial Regex PascalCase();

    [GeneratedRegex("[A-Z][a-z0-9]*")]
    private static partial Regex Words();
}
