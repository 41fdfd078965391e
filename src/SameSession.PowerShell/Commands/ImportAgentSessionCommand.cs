using System.Management.Automation;
using System.Security;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Import;
using SameSession.Core.Porting;

namespace SameSession.PowerShell.Commands;

/// <summary>Import-AgentSession: verifies a capsule and installs its session (every member of a bundle), rebound to a directory here.</summary>
[Cmdlet(VerbsData.Import, "AgentSession", SupportsShouldProcess = true)]
[OutputType(typeof(ImportResult))]
public sealed class ImportAgentSessionCommand : SameSessionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary>Identity files; default: your identity file.</summary>
    [Parameter]
    public string[]? Identity { get; set; }

    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>The directory the session belongs to here; default: its directory re-rooted under your home.</summary>
    [Parameter]
    public string? Destination { get; set; }

    [Parameter]
    public SwitchParameter NewId { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Try(() =>
        {
            var path = ResolvePath(Path);
            var identities = Core.Porting.Acpx.AcpxArchiveImport.NeedsNoKey(path) ? []
                : CapsuleKeys.Identities(Environment, Identity?.Select(ResolvePath), ExportAgentSessionCommand.PlainText(Passphrase));
            var outcomes = new ImportOperation(Porters.Installers, Environment, Observer)
                .RunAll(new ImportRequest(path, identities, Destination is null ? null : ResolvePath(Destination), Force, NewId));
            foreach (var outcome in outcomes)
            {
                if (outcome.Error is { } e)
                    WriteError(ErrorRecords.From(new SameSessionException(ErrorIds.Find(e.Id) ?? ErrorIds.Internal, e.Message, e.Target), $"{outcome.Provider}:{outcome.Id}"));
                else if (PassThru) WriteObject(outcome.Result);
            }
        }, Path);
}
