using System.Management.Automation;
using SameSession.Core.Operations;

namespace SameSession.PowerShell;

/// <summary>Bridges Core's observer to the cmdlet's streams. Only call from the pipeline thread.</summary>
internal sealed class CmdletObserver : IOperationObserver
{
    private readonly PSCmdlet _cmdlet;

    public CmdletObserver(PSCmdlet cmdlet) => _cmdlet = cmdlet;

    public void Progress(OperationProgress progress) =>
        _cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
        {
            PercentComplete = Math.Clamp(progress.PercentComplete, 0, 100),
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });

    public void Warning(string message) => _cmdlet.WriteWarning(message);
    public void Verbose(string message) => _cmdlet.WriteVerbose(message);
    public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);
}
