using System.Management.Automation;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Operations.Repair;
using SameSession.Core.Sessions;
using SameSession.PowerShell.Completers;

namespace SameSession.PowerShell.Commands;

/// <summary>Repair-AgentSession: finds where an orphaned session's project went and moves the session there.</summary>
[Cmdlet(VerbsDiagnostic.Repair, "AgentSession", SupportsShouldProcess = true)]
[OutputType(typeof(MoveResult))]
public sealed class RepairAgentSessionCommand : SameSessionCmdlet
{
    private readonly List<AgentSession> _sessions = [];

    /// <summary>A session from Get-AgentSession -Orphaned.</summary>
    [Parameter(ValueFromPipeline = true)]
    public AgentSession? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public AgentProvider? Provider { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? Id { get; set; }

    /// <summary>Where to look for the moved projects (default: your home directory).</summary>
    [Parameter(Position = 0)]
    public string? SearchRoot { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter RewriteContent { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Try(() => _sessions.AddRange(SessionInput.Resolve(InputObject, Provider, Id, Environment, Observer)), InputObject ?? (object?)Id);

    protected override void EndProcessing() => Try(() =>
    {
        var request = new RepairRequest
        {
            Sessions = _sessions,
            SearchRoot = SearchRoot is null ? null : ResolvePath(SearchRoot),
            Force = Force, RewriteContent = RewriteContent,
        };
        WriteResults(new RepairOperation(Environment, Observer).Run(request), PassThru);
    });
}
