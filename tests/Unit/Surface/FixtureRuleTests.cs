using SameSession.Surface.Model;
using SameSession.Surface.Rules;

namespace SameSession.Tests.Unit.Surface;

/// <summary>Each metadata rule fires on the deliberately wrong cmdlets of tests/ContractFixtures, and only there.</summary>
public class FixtureRuleTests
{
    private static CmdletSurface F => Surfaces.Fixtures;

    [Fact]
    public void Fixture_cmdlets_are_read_including_the_broken_ones()
    {
        Assert.Contains(F.Cmdlets, c => c.Name == "Get-AgentCapsuleInfo" && c.ClassName == "CapsuleInfoGetter");
        Assert.Contains(F.Cmdlets, c => c.Name == "Fetch-AgentSessionThing");
        var widget = Assert.Single(F.Cmdlets, c => c.Name == "Get-AgentSessionWidget");
        var color = Assert.Single(widget.Parameters);
        Assert.Equal(("System.String[]", true, 0), (color.TypeFullName, color.SupportsWildcards, color.Sets[0].Position));
        Assert.Equal(["Colour"], color.Aliases);
        Assert.Equal(["Red", "Blue"], color.AcceptedValues);
        Assert.True(color.HasArgumentCompleter);
        Assert.False(F.Find("Update-AgentSessionWidget")!.Parameters.Single().HasArgumentCompleter);
        var rest = F.Find("Get-AgentSessionDefault")!.Parameters.Single(p => p.Name == "Rest");
        Assert.True(rest.Sets.Single().ValueFromRemainingArguments);
        var output = Assert.Single(F.Find("Set-AgentSessionWidget")!.OutputTypes);
        Assert.Equal("SameSession.ContractFixtures.FixtureGadget", output.TypeFullName);
        Assert.Equal(["Gadget", "Label"], output.ParameterSetNames);
        Assert.Equal(["Simple"], F.Find("Get-AgentSessionDefault")!.ParameterSetNames);
        Assert.DoesNotContain(SurfaceRules.ParameterSets(F), v => v.Cmdlet == "Get-AgentSessionDefault");
        var impact = Assert.Single(F.Cmdlets, c => c.Name == "Clear-AgentSessionCache");
        Assert.Equal((true, ConfirmImpactLevel.High), (impact.SupportsShouldProcess, impact.ConfirmImpact));
    }

    [Fact]
    public void Class_name_mismatch_is_reported_with_the_expected_name()
    {
        var v = Only(SurfaceRules.ClassNaming(F), RuleIds.ClassName);
        Assert.Equal("Get-AgentCapsuleInfo", v.Cmdlet);
        Assert.Contains("GetAgentCapsuleInfoCommand", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_namespace_is_reported()
    {
        var v = Only(SurfaceRules.ClassNaming(F), RuleIds.ClassNamespace);
        Assert.Equal("Test-AgentSessionPlace", v.Cmdlet);
        Assert.Contains("SameSession.ContractFixtures.Cmdlets", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsealed_class_without_default_constructor_is_reported()
    {
        var v = Only(SurfaceRules.ClassNaming(F), RuleIds.ClassShape);
        Assert.Equal("Get-AgentCapsuleShape", v.Cmdlet);
        Assert.Contains("seal it", v.Message, StringComparison.Ordinal);
        Assert.Contains("parameterless constructor", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unapproved_verb_is_reported()
    {
        var v = Only(SurfaceRules.VerbAndNoun(F), RuleIds.ApprovedVerb);
        Assert.Equal("Fetch-AgentSessionThing", v.Cmdlet);
    }

    [Fact]
    public void Plural_and_unprefixed_nouns_are_reported()
    {
        var nouns = SurfaceRules.VerbAndNoun(F).Where(v => v.RuleId == RuleIds.NounName).ToList();
        Assert.Equal(["Get-AgentSessionTags", "Get-Widget"], nouns.Select(v => v.Cmdlet).Order());
        Assert.Contains("plural", nouns.Single(v => v.Cmdlet == "Get-AgentSessionTags").Message, StringComparison.Ordinal);
        Assert.Contains("prefix", nouns.Single(v => v.Cmdlet == "Get-Widget").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_output_type_is_reported()
    {
        var v = Only(SurfaceRules.OutputTypes(F).Where(v => v.Cmdlet == "Find-AgentSessionNote"), RuleIds.OutputType);
        Assert.Contains("has no [OutputType]", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_type_by_name_resolves_through_the_metadata_or_is_reported()
    {
        var named = F.Find("Get-AgentSessionNamedOutput")!;
        Assert.Equal(["System.String", "No.Such.Type"], named.OutputTypes.Select(o => o.TypeFullName));
        Assert.False(F.Type("System.String")!.IsUnresolved);
        var v = Only(SurfaceRules.OutputTypes(F).Where(v => v.Cmdlet == named.Name), RuleIds.OutputType);
        Assert.Contains("[OutputType(\"No.Such.Type\")]", v.Message, StringComparison.Ordinal);
        Assert.Equal(3, SurfaceRules.OutputTypes(F).Count());
    }

    [Fact]
    public void Output_type_for_an_unknown_set_is_reported()
    {
        var v = Only(SurfaceRules.OutputTypes(F).Where(v => v.Cmdlet == "Get-AgentSessionOutputSet"), RuleIds.OutputType);
        Assert.Contains("ParameterSetName = \"Missing\"", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutating_verb_without_ShouldProcess_is_reported()
    {
        var v = Only(SurfaceRules.ShouldProcess(F), RuleIds.ShouldProcess);
        Assert.Equal("Remove-AgentSessionTag", v.Cmdlet);
        Assert.Contains("SupportsShouldProcess = true", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmImpact_without_ShouldProcess_is_reported()
    {
        Assert.Equal("Get-AgentSessionImpact", Only(SurfaceRules.ShouldProcess(F), RuleIds.ConfirmImpact).Cmdlet);
    }

    [Fact]
    public void Missing_or_unknown_default_parameter_set_is_reported()
    {
        var cmdlets = SurfaceRules.ParameterSets(F).Where(v => v.RuleId == RuleIds.DefaultParameterSet).Select(v => v.Cmdlet).Order();
        Assert.Equal(["Select-AgentSessionRange", "Select-AgentSessionSlice"], cmdlets);
    }

    [Fact]
    public void Sets_with_the_same_parameters_are_reported()
    {
        Assert.Equal("Select-AgentSessionRange", Only(SurfaceRules.ParameterSets(F), RuleIds.DuplicateParameterSet).Cmdlet);
    }

    [Fact]
    public void Two_sets_taking_the_same_piped_type_are_reported()
    {
        var v = Only(SurfaceRules.ParameterSets(F), RuleIds.AmbiguousPipelineSets);
        Assert.Equal("Compare-AgentSessionPair", v.Cmdlet);
        Assert.Contains("-Left", v.Message, StringComparison.Ordinal);
        Assert.Contains("-Right", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_without_a_parameter_of_its_own_is_reported()
    {
        var v = SurfaceRules.ParameterSets(F).Where(v => v.RuleId == RuleIds.IndistinctParameterSet).ToList();
        Assert.Contains(v, x => x.Cmdlet == "Search-AgentSessionText" && x.Message.Contains("'Other'", StringComparison.Ordinal));
        // Select-AgentSessionRange's second set is indistinct too (both sets hold only -Start).
        Assert.Equal(["Search-AgentSessionText", "Select-AgentSessionRange"], v.Select(x => x.Cmdlet).Distinct().Order());
    }

    [Fact]
    public void Position_gaps_and_duplicates_are_reported()
    {
        var v = SurfaceRules.ParameterSets(F).Where(v => v.RuleId == RuleIds.ParameterPosition).ToList();
        Assert.All(v, x => Assert.Equal("Show-AgentSessionLine", x.Cmdlet));
        Assert.Contains(v, x => x.Message.Contains("are 0, 2", StringComparison.Ordinal));
        Assert.Contains(v, x => x.Message.Contains("-Here, -There share Position = 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_pipeline_parameters_in_one_set_are_reported()
    {
        var v = Only(SurfaceRules.ParameterSets(F), RuleIds.MultiplePipelineParameters);
        Assert.Equal("Merge-AgentSessionLog", v.Cmdlet);
        Assert.Contains("-Text, -Gadget", v.Message, StringComparison.Ordinal);
    }

    private static Violation Only(IEnumerable<Violation> violations, string ruleId)
    {
        var matching = violations.Where(v => v.RuleId == ruleId).ToList();
        Assert.True(matching.Count == 1, $"expected exactly one {ruleId} violation, got:\n{Surfaces.Describe(matching)}");
        return matching[0];
    }
}
