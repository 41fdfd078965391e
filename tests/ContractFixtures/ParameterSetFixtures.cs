using System.Management.Automation;

namespace SameSession.ContractFixtures.Commands;

/// <summary>Two sets, no DefaultParameterSetName; both sets have exactly the same parameters.</summary>
[Cmdlet(VerbsCommon.Select, "AgentSessionRange")]
[OutputType(typeof(string))]
public sealed class SelectAgentSessionRangeCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "ByStart")]
    [Parameter(ParameterSetName = "ByEnd")]
    public int Start { get; set; }
}

/// <summary>DefaultParameterSetName names a set no parameter uses.</summary>
[Cmdlet(VerbsCommon.Select, "AgentSessionSlice", DefaultParameterSetName = "Nowhere")]
[OutputType(typeof(string))]
public sealed class SelectAgentSessionSliceCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "ByFirst")]
    public int First { get; set; }

    [Parameter(ParameterSetName = "ByLast")]
    public int Last { get; set; }
}

/// <summary>Two distinct by-value string parameters in two sets: a piped string could go either way.</summary>
[Cmdlet(VerbsData.Compare, "AgentSessionPair", DefaultParameterSetName = "Left")]
[OutputType(typeof(bool))]
public sealed class CompareAgentSessionPairCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "Left", ValueFromPipeline = true)]
    public string Left { get; set; } = "";

    [Parameter(ParameterSetName = "Right", ValueFromPipeline = true)]
    public string[] Right { get; set; } = [];
}

/// <summary>Set 'Other' only has parameters every set has, so it can never be chosen.</summary>
[Cmdlet(VerbsCommon.Search, "AgentSessionText", DefaultParameterSetName = "Pattern")]
[OutputType(typeof(string))]
public sealed class SearchAgentSessionTextCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "Pattern", Mandatory = true)]
    public string Pattern { get; set; } = "";

    [Parameter(ParameterSetName = "Pattern")]
    [Parameter(ParameterSetName = "Other")]
    public string Scope { get; set; } = "";

    [Parameter]
    public SwitchParameter CaseSensitive { get; set; }
}

/// <summary>Positions 0 and 2 (gap), and two parameters at position 0 in set 'Twice'.</summary>
[Cmdlet(VerbsCommon.Show, "AgentSessionLine", DefaultParameterSetName = "Gap")]
[OutputType(typeof(string))]
public sealed class ShowAgentSessionLineCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "Gap", Position = 0)]
    public string From { get; set; } = "";

    [Parameter(ParameterSetName = "Gap", Position = 2)]
    public string To { get; set; } = "";

    [Parameter(ParameterSetName = "Twice", Position = 0)]
    public string Here { get; set; } = "";

    [Parameter(ParameterSetName = "Twice", Position = 0)]
    public string There { get; set; } = "";
}

/// <summary>Two ValueFromPipeline parameters in one set.</summary>
[Cmdlet(VerbsData.Merge, "AgentSessionLog", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class MergeAgentSessionLogCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public string Text { get; set; } = "";

    [Parameter(ValueFromPipeline = true)]
    public FixtureGadget? Gadget { get; set; }
}
