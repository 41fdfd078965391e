using System.Management.Automation;
using SameSession.Core.Operations.Move;
using SameSession.Core.Operations.Repair;

namespace SameSession.PowerShell.Commands;

/// <summary>Repair-AgentSession: finds where an orphaned session's project went and moves the session there.</summary>
[Cmdlet(VerbsDiagnostic.Repair, "AgentSession", SupportsShouldProcess = true)]
[OutputType(typeof(MoveResult))]
public sealed class RepairAgentSessionCommand : SessionBatchCmdlet
{
    /// <summary>Where to look for the moved projects (default: your home directory).</summary>
    [Parameter(Position = 0)]
    public string? SearchRoot { get; set; }

    protected override void EndProcessing() => Try(() =>
    {
        var request = new RepairRequest
        {
            Sessions = Sessions,
            SearchRoot = SearchRoot is null ? null : ResolvePath(SearchRoot),
            Force = Force, RewriteContent = RewriteContent,
        };
        WriteResults(new RepairOperation(Environment, Observer).Run(request), PassThru);
    });
}
