using System.Management.Automation;

namespace SameSession.ContractFixtures.Commands;

/// <summary>Bad verb: Fetch is not approved (Get is).</summary>
[Cmdlet("Fetch", "AgentSessionThing")]
[OutputType(typeof(string))]
public sealed class FetchAgentSessionThingCommand : PSCmdlet
{
}

/// <summary>Class name does not match Get-AgentCapsuleInfo.</summary>
[Cmdlet(VerbsCommon.Get, "AgentCapsuleInfo")]
[OutputType(typeof(string))]
public sealed class CapsuleInfoGetter : PSCmdlet
{
}

/// <summary>Not sealed and no public parameterless constructor.</summary>
[Cmdlet(VerbsCommon.Get, "AgentCapsuleShape")]
[OutputType(typeof(string))]
public class GetAgentCapsuleShapeCommand : PSCmdlet
{
    public GetAgentCapsuleShapeCommand(int size) => Size = size;

    public int Size { get; }
}

/// <summary>Plural noun.</summary>
[Cmdlet(VerbsCommon.Get, "AgentSessionTags")]
[OutputType(typeof(string))]
public sealed class GetAgentSessionTagsCommand : PSCmdlet
{
}

/// <summary>Noun without a product prefix.</summary>
[Cmdlet(VerbsCommon.Get, "Widget")]
[OutputType(typeof(string))]
public sealed class GetWidgetCommand : PSCmdlet
{
}
