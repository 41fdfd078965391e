using SameSession.Surface.Docs;
using SameSession.Surface.Model;
using SameSession.Surface.Rules;

namespace SameSession.Tests.Unit.Surface;

/// <summary>Documented pipelines are checked against what the consumer's parameter sets can bind.</summary>
public class PipelineRuleTests
{
    private static List<Violation> Check(string code) =>
        [.. SurfaceRules.PipelineBinding(Surfaces.Fixtures, DocPipelines.Read("docs/help/Fixture.md", $"# T\n\n```powershell\n{code}\n```\n"))];

    [Theory]
    [InlineData("Get-AgentSessionWidget -Color Red | Update-AgentSessionWidget")]
    [InlineData("Get-AgentSessionWidget | Save-AgentSessionWidget -Note 'kept'")]
    [InlineData("Get-AgentSessionWidget | Save-AgentSessionWidget -No:'kept' -WhatIf")]
    [InlineData("$w = Get-AgentSessionWidget |\n  Where-Object { $_.Size -gt 1 } |\n  Sort-Object Size | Update-AgentSessionWidget")]
    [InlineData("(Get-AgentSessionWidget Red) | Select-Object -First 1 | Update-AgentSessionWidget -Verbose")]
    public void Pipelines_that_bind_pass(string code) => Assert.Empty(Check(code));

    [Fact]
    public void A_consumer_that_cannot_take_the_output_is_reported_with_what_was_tried()
    {
        var v = Assert.Single(Check("Get-AgentSessionWidget | Where-Object Size | Set-AgentSessionWidget"));
        Assert.Equal((RuleIds.PipelineBinding, "Set-AgentSessionWidget"), (v.RuleId, v.Cmdlet));
        Assert.Contains("docs/help/Fixture.md:4", v.Message, StringComparison.Ordinal);
        Assert.Contains("set 'Gadget': nothing takes SameSession.ContractFixtures.FixtureWidget", v.Message, StringComparison.Ordinal);
        Assert.Contains("set 'Label': nothing takes", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mandatory_parameter_left_unbound_fails_the_pair()
    {
        var v = Assert.Single(Check("Get-AgentSessionWidget | Save-AgentSessionWidget"));
        Assert.Contains("binds -Tint, -Size but mandatory -Note stays unbound", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_positional_argument_covers_a_mandatory_positional_parameter()
    {
        Assert.Empty(Check("Get-AgentSessionWidget | Save-AgentSessionWidget 'kept'"));
        Assert.Empty(Check("Get-AgentSessionWidget | Save-AgentSessionWidget -Size 3 'kept'"));
        Assert.Single(Check("Get-AgentSessionWidget | Save-AgentSessionWidget -Size 3"));
        Assert.Single(Check("Get-AgentSessionWidget | Save-AgentSessionWidget > out.txt"));
        Assert.Single(Check("Get-AgentSessionWidget | Save-AgentSessionWidget 2>&1"));
        Assert.Empty(Check("Get-AgentSessionWidget | Save-AgentSessionWidget 2>&1 'kept'"));
    }

    [Fact]
    public void A_cmdlet_named_in_docs_that_does_not_exist_is_reported()
    {
        var violations = Check("Get-AgentSessionWidget | Sync-AgentSessionWidget\nExport-AgentCapsule -Path x\nGet-AgentTranscript; Get-Process");
        Assert.Equal(["Export-AgentCapsule", "Get-AgentTranscript", "Sync-AgentSessionWidget"], violations.Where(v => v.RuleId == RuleIds.UnknownCmdlet).Select(v => v.Cmdlet).Order());
        Assert.All(violations, v => Assert.Equal(RuleIds.UnknownCmdlet, v.RuleId));
    }

    [Fact]
    public void A_documented_parameter_the_cmdlet_lacks_is_reported()
    {
        var v = Assert.Single(Check("Get-AgentSessionWidget -Shade Blue"));
        Assert.Equal(RuleIds.PipelineBinding, v.RuleId);
        Assert.Contains("with -Shade, which it does not have", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Splitter_keeps_script_blocks_strings_and_comments_whole()
    {
        var statements = PowerShellSplitter.Statements("""
            Get-A | ForEach-Object { $_ | Set-B }   # a | b in a comment
            'x | y' | Out-Null; Get-C `
              -Name z | Set-D
            Get-E
              | Set-F
            """).ToList();
        Assert.Equal(
            [
                ["Get-A", "ForEach-Object { $_ | Set-B }"],
                ["'x | y'", "Out-Null"],
                ["Get-C -Name z", "Set-D"],
                ["Get-E", "Set-F"],
            ],
            statements.Select(s => s.Segments.ToArray()));
        Assert.Equal([0, 1, 1, 3], statements.Select(s => s.Line));
    }

    [Fact]
    public void Real_docs_yield_pipelines_from_powershell_blocks_only()
    {
        var pipelines = DocPipelines.DefaultFiles(TestPaths.RepoRoot)
            .SelectMany(f => DocPipelines.Read(Path.GetFileName(f), File.ReadAllText(f))).ToList();
        Assert.Contains(pipelines, p => p.File == "Test-SameSession.md" && p.Segments[0].Name == "Test-SameSession");
        Assert.DoesNotContain(pipelines, p => p.Segments.Any(s => s.Name == "bash"));
    }
}
