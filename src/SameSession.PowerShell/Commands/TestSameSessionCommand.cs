using System.Management.Automation;
using SameSession.Core.Operations.Doctor;

namespace SameSession.PowerShell.Commands;

/// <summary>Test-SameSession: reports the runtime, git, age, SQLite, and every agent's home and CLI.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SameSession")]
[OutputType(typeof(DoctorReport), typeof(bool))]
public sealed class TestSameSessionCommand : SameSessionCmdlet
{
    /// <summary>Return only whether SameSession can work here (git and SQLite present).</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void EndProcessing()
    {
        var report = DoctorOperation.Run(Environment, Observer);
        WriteObject(Quiet ? report.IsHealthy : report);
    }
}
