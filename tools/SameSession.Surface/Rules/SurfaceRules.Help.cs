using System.Text.RegularExpressions;
using SameSession.Surface.Help;
using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

public static partial class SurfaceRules
{
    private static readonly string[] SectionOrder =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    /// <summary>
    /// Every cmdlet has docs/help/&lt;Name&gt;.md in PlatyPS 0.14 form whose sections, syntax sets, parameters
    /// (with -WhatIf/-Confirm exactly when SupportsShouldProcess) and outputs match the compiled metadata.
    /// </summary>
    public static IEnumerable<Violation> HelpParity(CmdletSurface surface, string helpFolder)
    {
        // "docs/help": the folder and its parent, enough to find the page from the repository root.
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(helpFolder));
        var display = $"{Path.GetFileName(Path.GetDirectoryName(folder))}/{Path.GetFileName(folder)}";
        foreach (var cmdlet in surface.Cmdlets)
        {
            var path = Path.Combine(helpFolder, cmdlet.Name + ".md");
            if (!File.Exists(path))
            {
                yield return new(RuleIds.HelpMissing, cmdlet.Name,
                    $"{SurfaceConventions.HelpFileOf(cmdlet.Name)} does not exist; copy docs/help/Test-SameSession.md, rename it and describe {cmdlet.Name} (every parameter gets a ### -Name section).");
                continue;
            }
            foreach (var v in HelpParity(surface, cmdlet, HelpMarkdownParser.Parse(File.ReadAllText(path), $"{display}/{cmdlet.Name}.md"))) yield return v;
        }
        if (!Directory.Exists(helpFolder)) yield break;
        foreach (var path in Directory.EnumerateFiles(helpFolder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (CmdletName().IsMatch(name) && surface.Find(name) is null)
            {
                yield return new(RuleIds.HelpOrphan, name, $"{display}/{name}.md documents {name}, which the module does not export; delete the page or add the cmdlet.");
            }
        }
    }

    /// <summary>Checks one parsed help page against its cmdlet.</summary>
    public static IEnumerable<Violation> HelpParity(CmdletSurface surface, CmdletInfo cmdlet, HelpDocument doc)
    {
        var file = doc.FilePath;
        Violation Content(string message) => new(RuleIds.HelpContent, cmdlet.Name, $"{file}: {message}");

        var helpFile = surface.AssemblyFileName + "-Help.xml";
        if (doc.FrontMatter.GetValueOrDefault("external help file") != helpFile) yield return Content($"front matter must say 'external help file: {helpFile}'.");
        if (doc.FrontMatter.GetValueOrDefault("schema") != "2.0.0") yield return Content("front matter must say 'schema: 2.0.0' (PlatyPS 0.14).");
        if (cmdlet.HelpUri is { } uri && doc.FrontMatter.GetValueOrDefault("online version") != uri)
        {
            yield return Content($"front matter must say 'online version: {uri}' ([Cmdlet(HelpUri = ...)] in {SurfaceConventions.SourceFileOf(cmdlet.ClassName)}).");
        }
        if (doc.Title != cmdlet.Name) yield return Content($"the title is '# {doc.Title}'; it must be '# {cmdlet.Name}'.");
        var missingSections = SectionOrder.Where(s => !doc.Sections.Contains(s)).ToList();
        if (missingSections.Count > 0) yield return Content($"add the sections {string.Join(", ", missingSections.Select(s => "## " + s))} (PlatyPS order: {string.Join(", ", SectionOrder)}).");
        else if (!doc.Sections.Where(SectionOrder.Contains).SequenceEqual(SectionOrder)) yield return Content($"sections are out of order; PlatyPS needs {string.Join(", ", SectionOrder.Select(s => "## " + s))}.");
        if (IsEmpty(doc.Synopsis)) yield return Content("## SYNOPSIS is empty or a {{ placeholder }}; write one sentence saying what the cmdlet does.");
        if (IsEmpty(doc.Description)) yield return Content("## DESCRIPTION is empty or a {{ placeholder }}; describe the behaviour and name the CLI twin.");
        if (!doc.Examples.Any(e => e.PowerShellCode is { Length: > 0 } code && !code.Contains("{{", StringComparison.Ordinal)))
        {
            yield return Content("## EXAMPLES needs at least one '### Example 1: <title>' with a ```powershell block.");
        }
        foreach (var example in doc.Examples.Where(e => e.PowerShellCode is null))
        {
            yield return Content($"'### {example.Title}' has no ```powershell code block; add one (MAML takes the example's code from it).");
        }

        foreach (var v in SyntaxParity(cmdlet, doc)) yield return v;
        foreach (var v in ParameterParity(surface, cmdlet, doc)) yield return v;
        foreach (var v in OutputParity(cmdlet, doc)) yield return v;
    }

    private static IEnumerable<Violation> SyntaxParity(CmdletInfo cmdlet, HelpDocument doc)
    {
        var sets = cmdlet.ParameterSetNames;
        var expected = sets.Select(s => sets.Count > 1 && string.Equals(s, cmdlet.EffectiveDefaultSet, StringComparison.OrdinalIgnoreCase) ? s + " (Default)" : s).ToList();
        // A lone set may or may not carry " (Default)" depending on how PlatyPS saw it; both are fine.
        var actual = doc.Syntax.Select(s => s.IsDefault && sets.Count > 1 ? s.SetName + " (Default)" : s.SetName).ToList();
        if (!actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            yield return new(RuleIds.HelpSyntax, cmdlet.Name,
                $"{doc.FilePath}: ## SYNTAX has {(actual.Count == 0 ? "no sets" : string.Join(", ", actual.Select(a => "### " + a)))}; the compiled parameter sets need {string.Join(", ", expected.Select(e => "### " + e))}, each with a ``` block.");
        }
    }

    private static IEnumerable<Violation> ParameterParity(CmdletSurface surface, CmdletInfo cmdlet, HelpDocument doc)
    {
        var expected = HelpExpectations.DocumentedParameters(cmdlet);
        foreach (var parameter in expected)
        {
            var section = doc.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (section is null)
            {
                var why = HelpExpectations.IsRiskParameter(parameter.Name) ? " (the cmdlet has SupportsShouldProcess)" : "";
                yield return new(RuleIds.HelpParameterMissing, cmdlet.Name,
                    $"{doc.FilePath}: ## PARAMETERS lacks -{parameter.Name}{why}; add:\n{HelpExpectations.Section(surface, cmdlet, parameter)}");
                continue;
            }
            foreach (var problem in ParameterProblems(surface, cmdlet, parameter, section))
            {
                yield return new(RuleIds.HelpParameterField, cmdlet.Name, $"{doc.FilePath}:{section.Line} ### -{parameter.Name}: {problem}.");
            }
        }
        foreach (var extra in doc.Parameters.Where(p => expected.All(e => e.Name != p.Name)))
        {
            var why = HelpExpectations.IsRiskParameter(extra.Name)
                ? " (only cmdlets with SupportsShouldProcess = true have it)"
                : $" (compiled parameters: {string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name))}; names are case-sensitive here)";
            yield return new(RuleIds.HelpParameterExtra, cmdlet.Name, $"{doc.FilePath}:{extra.Line} documents -{extra.Name}, which {cmdlet.Name} does not have{why}; remove or rename the section.");
        }
    }

    private static IEnumerable<string> ParameterProblems(CmdletSurface surface, CmdletInfo cmdlet, ParameterInfo parameter, HelpParameter section)
    {
        if (IsEmpty(section.Description)) yield return "the description is empty or a {{ placeholder }}; say what the parameter does";
        if (section.Blocks.Count == 0)
        {
            yield return "has no ```yaml block; add:\n" + HelpExpectations.Section(surface, cmdlet, parameter);
            yield break;
        }
        var platyType = HelpExpectations.PlatyType(surface, parameter);
        var allSets = cmdlet.ParameterSetNames;
        var expectedSets = HelpExpectations.SetsOf(cmdlet, parameter);
        var documentedSets = new List<string>();
        foreach (var block in section.Blocks)
        {
            if (Field(block, "Type") != platyType) yield return $"Type is '{Field(block, "Type")}'; it must be '{platyType}'";
            if (!SameList(Field(block, "Aliases"), parameter.Aliases)) yield return $"Aliases is '{Field(block, "Aliases")}'; it must be '{string.Join(", ", parameter.Aliases)}'";
            if (parameter.AcceptedValues.Count > 0 && !SameList(Field(block, "Accepted values"), parameter.AcceptedValues))
            {
                yield return $"Accepted values is '{Field(block, "Accepted values")}'; it must be '{string.Join(", ", parameter.AcceptedValues)}'";
            }
            if (Field(block, "Accept wildcard characters") is var wildcard && !string.Equals(wildcard, HelpExpectations.Bool(parameter.SupportsWildcards), StringComparison.OrdinalIgnoreCase))
            {
                yield return $"Accept wildcard characters is '{wildcard}'; it must be '{HelpExpectations.Bool(parameter.SupportsWildcards)}' ([SupportsWildcards] {(parameter.SupportsWildcards ? "is" : "is not")} set)";
            }
            var setsText = Field(block, "Parameter Sets");
            var sets = setsText == HelpExpectations.AllSetsText ? allSets.ToList() : Split(setsText);
            documentedSets.AddRange(sets);
            foreach (var set in sets)
            {
                if (parameter.SettingsFor(set) is not { } settings || !expectedSets.Contains(set, StringComparer.OrdinalIgnoreCase)) continue;
                var where = sets.Count > 1 || allSets.Count > 1 ? $" in set '{set}'" : "";
                if (!string.Equals(Field(block, "Required"), HelpExpectations.Bool(settings.Mandatory), StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"Required is '{Field(block, "Required")}'{where}; it must be '{HelpExpectations.Bool(settings.Mandatory)}'";
                }
                if (!string.Equals(Field(block, "Position"), HelpExpectations.PositionText(settings), StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"Position is '{Field(block, "Position")}'{where}; it must be '{HelpExpectations.PositionText(settings)}'";
                }
                if (!SamePipelineInput(Field(block, "Accept pipeline input"), settings))
                {
                    yield return $"Accept pipeline input is '{Field(block, "Accept pipeline input")}'{where}; it must be '{settings.PipelineInputText}'";
                }
            }
        }
        var documented = documentedSets.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (documented.Count != expectedSets.Count || expectedSets.Any(s => !documented.Contains(s, StringComparer.OrdinalIgnoreCase)))
        {
            var want = HelpExpectations.InEverySet(cmdlet, parameter) ? HelpExpectations.AllSetsText : string.Join(", ", expectedSets);
            yield return $"Parameter Sets cover '{string.Join(", ", documented)}'; they must be '{want}'";
        }
    }

    private static IEnumerable<Violation> OutputParity(CmdletInfo cmdlet, HelpDocument doc)
    {
        var expected = cmdlet.OutputTypes.Select(o => o.TypeFullName).Distinct().ToList();
        var documented = doc.Outputs.Select(o => o.TypeName).ToList();
        foreach (var missing in expected.Where(e => !documented.Contains(e)))
        {
            yield return new(RuleIds.HelpOutputs, cmdlet.Name, $"{doc.FilePath}: ## OUTPUTS lacks '### {missing}' ([OutputType] declares it); add it with one line on when it is written.");
        }
        foreach (var extra in documented.Where(d => !expected.Contains(d) && d != "None"))
        {
            yield return new(RuleIds.HelpOutputs, cmdlet.Name, $"{doc.FilePath}: ## OUTPUTS lists '### {extra}', which no [OutputType] declares; use the full type name of an [OutputType] or add the attribute.");
        }
    }

    private static bool SamePipelineInput(string text, ParameterSetInfo settings)
    {
        var t = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (t == "FALSE") return !settings.ValueFromPipeline && !settings.ValueFromPipelineByPropertyName;
        if (!t.StartsWith("TRUE(", StringComparison.Ordinal) || !t.EndsWith(')')) return false;
        var kinds = t[5..^1].Split(',').ToHashSet();
        return kinds.Count == (settings.ValueFromPipeline ? 1 : 0) + (settings.ValueFromPipelineByPropertyName ? 1 : 0)
            && kinds.Contains("BYVALUE") == settings.ValueFromPipeline
            && kinds.Contains("BYPROPERTYNAME") == settings.ValueFromPipelineByPropertyName;
    }

    private static string Field(IReadOnlyDictionary<string, string> block, string key) => block.GetValueOrDefault(key) ?? "";

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static bool SameList(string text, IReadOnlyList<string> expected) =>
        Split(text).Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal));

    private static bool IsEmpty(IReadOnlyList<string> paragraphs) =>
        paragraphs.Count == 0 || paragraphs.All(p => string.IsNullOrWhiteSpace(p)) || paragraphs.Any(p => p.Contains("{{", StringComparison.Ordinal));

    [GeneratedRegex("^[A-Z][a-z]+-[A-Z][A-Za-z0-9]*$")]
    private static partial Regex CmdletName();
}
