using SameSession.Surface.Help;
using SameSession.Surface.Model;
using SameSession.Surface.Rules;

namespace SameSession.Tests.Unit.Surface;

/// <summary>The help-parity rule: the real page passes; each kind of drift from the metadata is reported.</summary>
public class HelpParityRuleTests
{
    private static readonly string RealPage = File.ReadAllText(Path.Combine(Surfaces.HelpFolder, "Test-SameSession.md"));

    private static List<Violation> CheckTestSameSession(string markdown) =>
        [.. SurfaceRules.HelpParity(Surfaces.Module, Surfaces.Module.Find("Test-SameSession")!, HelpMarkdownParser.Parse(markdown, "help/Test-SameSession.md"))];

    private static List<Violation> CheckFixturePage(string name) =>
        [.. SurfaceRules.HelpParity(Surfaces.Fixtures, Surfaces.Fixtures.Find(name)!, HelpMarkdownParser.ParseFile(Path.Combine(Surfaces.TestData, "help", name + ".md")))];

    private static string Mutate(string from, string to)
    {
        Assert.Contains(from, RealPage, StringComparison.Ordinal);
        return RealPage.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_page_parses_into_its_parts()
    {
        var doc = HelpMarkdownParser.Parse(RealPage, "Test-SameSession.md");
        Assert.Equal("Test-SameSession", doc.Title);
        Assert.Equal("SameSession.PowerShell.dll-Help.xml", doc.FrontMatter["external help file"]);
        Assert.Equal(2, doc.Examples.Count);
        Assert.Equal("Test-SameSession", doc.Examples[0].PowerShellCode);
        var quiet = Assert.Single(doc.Parameters);
        Assert.Equal("SwitchParameter", quiet.Blocks[0]["Type"]);
        Assert.Equal(["SameSession.Core.Operations.Doctor.DoctorReport", "System.Boolean"], doc.Outputs.Select(o => o.TypeName));
        Assert.Equal("Get-AgentSession", Assert.Single(doc.RelatedLinks).Text);
        Assert.Equal(2, doc.Description.Count);
        Assert.StartsWith("Test-SameSession checks the .NET runtime", doc.Description[0], StringComparison.Ordinal);
        Assert.Contains("For each agent (Claude Code,", doc.Description[0], StringComparison.Ordinal); // hard wraps joined
        Assert.DoesNotContain('\n', doc.Description[0]);
        Assert.Empty(CheckTestSameSession(RealPage));
    }

    [Fact]
    public void A_correct_multi_set_page_with_WhatIf_and_Confirm_passes() =>
        Assert.True(CheckFixturePage("Set-AgentSessionWidget") is [], Surfaces.Describe(CheckFixturePage("Set-AgentSessionWidget")));

    [Theory]
    [InlineData("Type: SwitchParameter", "Type: Boolean", "Type is 'Boolean'; it must be 'SwitchParameter'")]
    [InlineData("Required: False", "Required: True", "Required is 'True'; it must be 'False'")]
    [InlineData("Position: Named", "Position: 0", "Position is '0'; it must be 'Named'")]
    [InlineData("Accept pipeline input: False", "Accept pipeline input: True (ByValue)", "it must be 'False'")]
    [InlineData("Accept wildcard characters: False", "Accept wildcard characters: True", "it must be 'False' ([SupportsWildcards] is not set)")]
    [InlineData("Parameter Sets: (All)", "Parameter Sets: Other", "they must be '(All)'")]
    [InlineData("Aliases:\n", "Aliases: q\n", "Aliases is 'q'; it must be ''")]
    [InlineData("Return only a Boolean: $true when git is present and SQLite loads.", "{{ Fill Quiet Description }}", "the description is empty")]
    public void A_wrong_parameter_field_is_reported(string from, string to, string expected)
    {
        var v = Assert.Single(CheckTestSameSession(Mutate(from, to)));
        Assert.Equal(RuleIds.HelpParameterField, v.RuleId);
        Assert.StartsWith("help/Test-SameSession.md:", v.Message, StringComparison.Ordinal);
        Assert.Contains("### -Quiet", v.Message, StringComparison.Ordinal);
        Assert.Contains(expected, v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_parameter_section_is_reported_with_a_ready_section()
    {
        var start = RealPage.IndexOf("### -Quiet", StringComparison.Ordinal);
        var end = RealPage.IndexOf("### CommonParameters", StringComparison.Ordinal);
        var v = Assert.Single(CheckTestSameSession(RealPage.Remove(start, end - start)));
        Assert.Equal(RuleIds.HelpParameterMissing, v.RuleId);
        Assert.Contains("lacks -Quiet; add:\n### -Quiet", v.Message, StringComparison.Ordinal);
        Assert.Contains("Type: SwitchParameter\nParameter Sets: (All)", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_parameter_is_missing_and_extra()
    {
        var violations = CheckTestSameSession(Mutate("### -Quiet", "### -Quite"));
        Assert.Equal([RuleIds.HelpParameterExtra, RuleIds.HelpParameterMissing], violations.Select(v => v.RuleId).Order());
    }

    [Fact]
    public void WhatIf_without_ShouldProcess_is_extra_and_ShouldProcess_without_WhatIf_is_missing()
    {
        var extra = Assert.Single(CheckTestSameSession(Mutate("### CommonParameters", "### -WhatIf\nShows.\n\n```yaml\nType: SwitchParameter\n```\n\n### CommonParameters")));
        Assert.Equal(RuleIds.HelpParameterExtra, extra.RuleId);
        Assert.Contains("only cmdlets with SupportsShouldProcess", extra.Message, StringComparison.Ordinal);

        var missing = CheckFixturePage("Clear-AgentSessionCache");
        Assert.Equal(["Confirm", "WhatIf"], missing.Where(v => v.RuleId == RuleIds.HelpParameterMissing)
            .Select(v => v.Message.Split("lacks -")[1].Split(' ')[0]).Order());
        Assert.Contains(missing, v => v.Message.Contains("Aliases: wi", StringComparison.Ordinal));
        Assert.Equal(2, missing.Count);
    }

    [Fact]
    public void Wrong_aliases_accepted_values_wildcards_and_placeholders_are_reported()
    {
        var messages = CheckFixturePage("Get-AgentSessionWidget").Select(v => v.Message).ToList();
        Assert.Contains(messages, m => m.Contains("Aliases is ''; it must be 'Colour'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Accepted values is 'Red, Green'; it must be 'Red, Blue'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Accept wildcard characters is 'False'; it must be 'True'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("the description is empty or a {{ placeholder }}", StringComparison.Ordinal));
        Assert.Equal(4, messages.Count);
    }

    [Theory]
    [InlineData("Reports whether SameSession can work on this machine and where each agent keeps its sessions.", "{{ Fill in the Synopsis }}", "## SYNOPSIS is empty")]
    [InlineData("```powershell", "```", "## EXAMPLES needs at least one")]
    [InlineData("external help file: SameSession.PowerShell.dll-Help.xml", "external help file: SameSession.dll-Help.xml", "'external help file: SameSession.PowerShell.dll-Help.xml'")]
    [InlineData("# Test-SameSession\n", "# Test-Samesession\n", "it must be '# Test-SameSession'")]
    [InlineData("## NOTES\n", "", "## NOTES")]
    public void Wrong_page_content_is_reported(string from, string to, string expected)
    {
        var violations = CheckTestSameSession(Mutate(from, to));
        Assert.Contains(violations, v => v.RuleId == RuleIds.HelpContent && v.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Online_version_must_match_the_HelpUri()
    {
        var cmdlet = Surfaces.Fixtures.Find("Set-AgentSessionWidget")!;
        var text = File.ReadAllText(Path.Combine(Surfaces.TestData, "help", "Set-AgentSessionWidget.md"))
            .Replace("online version: https://example.invalid/set-widget", "online version:", StringComparison.Ordinal);
        var v = Assert.Single(SurfaceRules.HelpParity(Surfaces.Fixtures, cmdlet, HelpMarkdownParser.Parse(text, "x.md")));
        Assert.Contains("'online version: https://example.invalid/set-widget'", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_sets_must_match_the_compiled_sets()
    {
        var v = Assert.Single(CheckTestSameSession(Mutate("### __AllParameterSets", "### Default")));
        Assert.Equal(RuleIds.HelpSyntax, v.RuleId);
        Assert.Contains("need ### __AllParameterSets", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_must_name_every_OutputType()
    {
        var violations = CheckTestSameSession(Mutate("### System.Boolean", "### bool"));
        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Equal(RuleIds.HelpOutputs, v.RuleId));
        Assert.Contains(violations, v => v.Message.Contains("lacks '### System.Boolean'", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_and_orphan_pages_are_reported()
    {
        using var temp = new TempDir("help");
        File.WriteAllText(temp.Combine("Get-AgentNothing.md"), "# Get-AgentNothing\n");
        File.WriteAllText(temp.Combine("about_Fixtures.md"), "# about_Fixtures\n");
        var violations = SurfaceRules.HelpParity(Surfaces.Module, temp.Path).ToList();
        Assert.Equal(Surfaces.Module.Cmdlets.Count + 1, violations.Count);
        foreach (var cmdlet in Surfaces.Module.Cmdlets)
        {
            Assert.Contains(violations, v => v.RuleId == RuleIds.HelpMissing && v.Message.StartsWith($"docs/help/{cmdlet.Name}.md does not exist", StringComparison.Ordinal));
        }
        Assert.Contains(violations, v => v.RuleId == RuleIds.HelpOrphan && v.Cmdlet == "Get-AgentNothing");
    }
}
