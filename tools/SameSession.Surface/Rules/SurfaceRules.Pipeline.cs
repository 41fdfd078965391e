using System.Text.RegularExpressions;
using SameSession.Surface.Docs;
using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

public static partial class SurfaceRules
{
    private static readonly string[] CommonParameters =
    [
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv", "OutVariable", "ov",
        "OutBuffer", "ob", "PipelineVariable", "pv", "ProgressAction", "proga",
    ];

    private static readonly string[] ShouldProcessParameters = ["WhatIf", "wi", "Confirm", "cf"];

    /// <summary>Reads the docs' pipelines and checks them: <see cref="PipelineBinding(CmdletSurface, IEnumerable{DocPipeline})"/>.</summary>
    public static IEnumerable<Violation> PipelineBinding(CmdletSurface surface, string repoRoot) =>
        PipelineBinding(surface, DocPipelines.DefaultFiles(repoRoot).SelectMany(f =>
            DocPipelines.Read(Path.GetRelativePath(repoRoot, f).Replace('\\', '/'), File.ReadAllText(f))).ToList());

    /// <summary>
    /// For every documented producer | consumer pair of our cmdlets, some parameter set of the consumer must take
    /// the producer's output: by value (a ValueFromPipeline parameter whose type, or element type, the output is
    /// assignable to) or by property name (ValueFromPipelineByPropertyName parameters whose name or alias matches
    /// an output property). Either way every mandatory parameter of that set must be bound from the pipe or
    /// written in the segment. Also: a doc naming a cmdlet with our prefixes that does not exist, and a documented
    /// call of our cmdlet with a parameter it does not have.
    /// </summary>
    public static IEnumerable<Violation> PipelineBinding(CmdletSurface surface, IEnumerable<DocPipeline> pipelines)
    {
        var list = pipelines.ToList();
        foreach (var v in UnknownCmdletsIn(surface, list)) yield return v;
        foreach (var pipeline in list)
        {
            foreach (var command in pipeline.Segments)
            {
                if (surface.Find(command.Name) is not { } cmdlet) continue;
                foreach (var name in command.NamedParameters.Where(n => ResolveParameter(cmdlet, n) is null && !IsCommonParameter(cmdlet, n)))
                {
                    yield return new(RuleIds.PipelineBinding, cmdlet.Name,
                        $"{pipeline.File}:{pipeline.Line} calls {cmdlet.Name} with -{name}, which it does not have (parameters: {string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name))}); fix the example.");
                }
            }
            foreach (var pair in DocPipelines.Pairs(pipeline, n => surface.Find(n) is not null))
            {
                var producer = surface.Find(pair.Producer.Name)!;
                var consumer = surface.Find(pair.Consumer.Name)!;
                if (!Binds(surface, producer, consumer, pair.Consumer, out var tried))
                {
                    yield return new(RuleIds.PipelineBinding, consumer.Name,
                        $"{pair.Where}: `{pipeline.Text}` pipes {producer.Name} (outputs {string.Join(", ", producer.OutputTypes.Select(o => o.TypeFullName).Distinct())}) into {consumer.Name}, but no parameter set of {consumer.Name} can take it ({tried}). " +
                        $"Add a ValueFromPipeline -InputObject of that type, or ValueFromPipelineByPropertyName parameters named after its properties (Provider, Id), in {SurfaceConventions.SourceFileOf(consumer.ClassName)}; or fix the example.");
                }
            }
        }
    }

    private static IEnumerable<Violation> UnknownCmdletsIn(CmdletSurface surface, List<DocPipeline> pipelines)
    {
        var prefixes = string.Join("|", SurfaceConventions.DocNounPrefixes.Select(Regex.Escape));
        var pattern = new Regex($@"(?<![\w-])(?<name>[A-Za-z]+-(?:{prefixes})\w*)", RegexOptions.None, TimeSpan.FromSeconds(1));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pipeline in pipelines)
        {
            foreach (var match in pattern.Matches(pipeline.Text).Cast<Match>())
            {
                var name = match.Groups["name"].Value;
                if (surface.Find(name) is null && seen.Add($"{pipeline.File}|{name}"))
                {
                    yield return new(RuleIds.UnknownCmdlet, name,
                        $"{pipeline.File}:{pipeline.Line} uses {name}, which the module does not export (cmdlets: {string.Join(", ", surface.Cmdlets.Select(c => c.Name))}); fix the name or add the cmdlet.");
                }
            }
        }
    }

    private static bool Binds(CmdletSurface surface, CmdletInfo producer, CmdletInfo consumer, DocCommand call, out string tried)
    {
        var attempts = new List<string>();
        var given = call.NamedParameters.Select(n => ResolveParameter(consumer, n)).OfType<ParameterInfo>().ToList();
        var positionalCount = PositionalArgumentCount(consumer, call);
        foreach (var set in consumer.ParameterSetNames)
        {
            var members = consumer.ParametersIn(set).ToList();
            if (given.Any(g => members.All(m => m.Parameter != g))) continue; // a written parameter rules this set out
            foreach (var output in producer.OutputTypes.Select(o => o.TypeFullName).Distinct())
            {
                var bound = new List<ParameterInfo>();
                var byValue = members.FirstOrDefault(m => m.Settings.ValueFromPipeline && TypeBinding.Accepts(surface, m.Parameter.TypeFullName, output));
                if (byValue.Parameter is not null) bound.Add(byValue.Parameter);
                var properties = surface.Type(output)?.Properties ?? [];
                bound.AddRange(members.Where(m => m.Settings.ValueFromPipelineByPropertyName && properties.Any(p => m.Parameter.Answers(p.Name)))
                    .Select(m => m.Parameter));
                if (bound.Count == 0)
                {
                    attempts.Add($"set '{set}': nothing takes {output}");
                    continue;
                }
                var missing = members.Where(m => m.Settings.Mandatory && !bound.Contains(m.Parameter) && !given.Contains(m.Parameter)
                        && !(m.Settings.Position is { } pos && pos < positionalCount))
                    .Select(m => "-" + m.Parameter.Name).ToList();
                if (missing.Count == 0)
                {
                    tried = "";
                    return true;
                }
                attempts.Add($"set '{set}': {output} binds {string.Join(", ", bound.Select(b => "-" + b.Name))} but mandatory {string.Join(", ", missing)} stays unbound");
            }
        }
        tried = attempts.Count == 0 ? "every set is ruled out by the parameters written" : string.Join("; ", attempts);
        return false;
    }

    /// <summary>Exact name or alias first, then a unique prefix, as PowerShell resolves -Dest to -Destination.</summary>
    private static ParameterInfo? ResolveParameter(CmdletInfo cmdlet, string written)
    {
        var exact = cmdlet.Parameters.FirstOrDefault(p => p.Answers(written));
        if (exact is not null) return exact;
        var prefixed = cmdlet.Parameters.Where(p => p.Name.StartsWith(written, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    private static bool IsCommonParameter(CmdletInfo cmdlet, string written) =>
        CommonParameters.Any(c => c.StartsWith(written, StringComparison.OrdinalIgnoreCase))
        || (cmdlet.SupportsShouldProcess && ShouldProcessParameters.Any(c => c.StartsWith(written, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Bare arguments that are not the value of a preceding non-switch -Name.</summary>
    private static int PositionalArgumentCount(CmdletInfo cmdlet, DocCommand call)
    {
        var count = 0;
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var token = call.Arguments[i];
            if (Redirection().IsMatch(token))
            {
                var redirect = Redirection().Match(token);
                if (redirect.Length == token.Length && !redirect.Groups[2].Success) i++; // "> file": the target is the next token
                continue;
            }
            if (DocCommand.IsParameterToken(token))
            {
                var colon = token.IndexOf(':', StringComparison.Ordinal);
                var p = ResolveParameter(cmdlet, colon < 0 ? token[1..] : token[1..colon]);
                var valueAttached = colon > 0 && colon < token.Length - 1;
                var valueFollows = token.EndsWith(':') || (p is { IsSwitch: false } && !valueAttached);
                if (valueFollows) i++;
                continue;
            }
            count++;
        }
        return count;
    }

    [GeneratedRegex(@"^(\d|\*)?>>?(&\d)?")]
    private static partial Regex Redirection();
}
