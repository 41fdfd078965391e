using System.Management.Automation;

namespace SameSession.ContractFixtures.Cmdlets;

/// <summary>Right name, wrong namespace (not *.Commands).</summary>
[Cmdlet(VerbsDiagnostic.Test, "AgentSessionPlace")]
[OutputType(typeof(bool))]
public sealed class TestAgentSessionPlaceCommand : PSCmdlet
{
}
