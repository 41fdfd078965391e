using System.Management.Automation;
using System.Security;
using SameSession.Core.Operations.Import;
using SameSession.Core.Porting;

namespace SameSession.PowerShell.Commands;

/// <summary>Import-AgentSession: verifies a capsule and installs its session, rebound to a directory here.</summary>
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
            var result = new ImportOperation(Porters.Installers, Environment, Observer)
                .Run(new ImportRequest(path, identities, Destination is null ? null : ResolvePath(Destination), Force, NewId));
            if (result is not null && PassThru) WriteObject(result);
        }, Path);
}
