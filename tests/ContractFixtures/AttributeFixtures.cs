using System.Management.Automation;

namespace SameSession.ContractFixtures.Commands;

/// <summary>No [OutputType].</summary>
[Cmdlet(VerbsCommon.Find, "AgentSessionNote")]
public sealed class FindAgentSessionNoteCommand : PSCmdlet
{
}

/// <summary>Mutating verb without SupportsShouldProcess.</summary>
[Cmdlet(VerbsCommon.Remove, "AgentSessionTag")]
[OutputType(typeof(string))]
public sealed class RemoveAgentSessionTagCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";
}

/// <summary>ConfirmImpact without SupportsShouldProcess (Get is not mutating, so only ConfirmImpact fires).</summary>
[Cmdlet(VerbsCommon.Get, "AgentSessionImpact", ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(string))]
public sealed class GetAgentSessionImpactCommand : PSCmdlet
{
}

/// <summary>Mutating and correct: SupportsShouldProcess with ConfirmImpact.</summary>
[Cmdlet(VerbsCommon.Clear, "AgentSessionCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(string))]
public sealed class ClearAgentSessionCacheCommand : PSCmdlet
{
    [Parameter]
    public SwitchParameter Force { get; set; }
}

/// <summary>Correct: one unnamed set takes its name from DefaultParameterSetName.</summary>
[Cmdlet(VerbsCommon.Get, "AgentSessionDefault", DefaultParameterSetName = "Simple")]
[OutputType(typeof(string))]
public sealed class GetAgentSessionDefaultCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    public string Name { get; set; } = "";

    [Parameter(ValueFromRemainingArguments = true)]
    public string[] Rest { get; set; } = [];
}

/// <summary>[OutputType] for a parameter set the cmdlet does not have.</summary>
[Cmdlet(VerbsCommon.Get, "AgentSessionOutputSet")]
[OutputType(typeof(string), ParameterSetName = new[] { "Missing" })]
public sealed class GetAgentSessionOutputSetCommand : PSCmdlet
{
}

/// <summary>[OutputType] by name: one the runtime defines, one nobody defines.</summary>
[Cmdlet(VerbsCommon.Get, "AgentSessionNamedOutput")]
[OutputType("System.String", "No.Such.Type")]
public sealed class GetAgentSessionNamedOutputCommand : PSCmdlet
{
}
