using System.Management.Automation;
using SameSession.Core.Operations;
using SameSession.Core.Sessions;
using SameSession.PowerShell.Completers;

namespace SameSession.PowerShell;

/// <summary>
/// Cmdlets that change a batch of sessions (Move, Repair): sessions arrive by value (InputObject) or by property
/// name (Provider, Id), are collected, and the batch runs once in EndProcessing so progress knows the total.
/// </summary>
public abstract class SessionBatchCmdlet : SameSessionCmdlet
{
    private protected List<AgentSession> Sessions { get; } = [];

    /// <summary>A session from Get-AgentSession.</summary>
    [Parameter(ValueFromPipeline = true)]
    public AgentSession? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public AgentProvider? Provider { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? Id { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter RewriteContent { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Try(() => Sessions.AddRange(SessionInput.Resolve(InputObject, Provider, Id, Environment, Observer)), InputObject ?? (object?)Id);
}
