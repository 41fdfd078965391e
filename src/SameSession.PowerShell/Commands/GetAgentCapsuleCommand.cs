using System.Management.Automation;
using System.Security;
using SameSession.Core.Operations.Inspect;
using SameSession.Core.Porting;

namespace SameSession.PowerShell.Commands;

/// <summary>Get-AgentCapsule: a capsule's public header, and its manifest when your identity opens it.</summary>
[Cmdlet(VerbsCommon.Get, "AgentCapsule")]
[OutputType(typeof(CapsuleInfo))]
public sealed class GetAgentCapsuleCommand : SameSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    [Parameter]
    public string[]? Identity { get; set; }

    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>Also read every entry and check it against the manifest.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    protected override void ProcessRecord() =>
        Try(() => WriteObject(InspectCapsule.Run(Environment, ResolvePath(Path), Identity?.Select(ResolvePath).ToList(),
            ExportAgentSessionCommand.PlainText(Passphrase), Verify)), Path);
}
