using System.Management.Automation;
using System.Security;
using SameSession.Core.Operations.Export;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;
using SameSession.PowerShell.Completers;

namespace SameSession.PowerShell.Commands;

/// <summary>Export-AgentSession: each session into its own encrypted capsule (age), scanned for secrets first.</summary>
[Cmdlet(VerbsData.Export, "AgentSession", SupportsShouldProcess = true, DefaultParameterSetName = "Session")]
[OutputType(typeof(ExportResult))]
public sealed class ExportAgentSessionCommand : SameSessionCmdlet
{
    private readonly List<AgentSession> _sessions = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Session")]
    public AgentSession? InputObject { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    public AgentProvider Provider { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? Id { get; set; }

    /// <summary>The capsule file, or a folder for one capsule per session.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = "";

    /// <summary>age1… recipients or OpenSSH public key lines.</summary>
    [Parameter]
    public string[]? Recipient { get; set; }

    /// <summary>A file of recipients, one a line.</summary>
    [Parameter]
    public string? RecipientFile { get; set; }

    [Parameter]
    public SecureString? Passphrase { get; set; }

    [Parameter]
    public SwitchParameter Armor { get; set; }

    /// <summary>Also pack the files of the session's directory (git-tracked and untracked, .gitignore honoured).</summary>
    [Parameter]
    public SwitchParameter IncludeWorkspace { get; set; }

    /// <summary>Fingerprints of secret findings allowed to travel.</summary>
    [Parameter]
    public string[]? AllowSecret { get; set; }

    [Parameter]
    public SwitchParameter RedactSecrets { get; set; }

    /// <summary>Capsule (default, encrypted, any agent) or Acpx (acpx's own archive, acpx sessions only).</summary>
    [Parameter]
    public ExportFormat Format { get; set; } = ExportFormat.Capsule;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _sessions.Add(InputObject);
        else Try(() => _sessions.AddRange(SessionLookup.ById(Environment, Provider, Id!, Observer)), Id);
    }

    protected override void EndProcessing()
    {
        ExportOptions? options = null;
        Try(() => options = new ExportOptions(ResolvePath(Path),
            CapsuleKeys.Recipients(Recipient, RecipientFile is null ? null : ResolvePath(RecipientFile), PlainText(Passphrase)),
            Armor, AllowSecret, RedactSecrets, Force, IncludeWorkspace, Format), Path);
        if (options is null) return;
        var export = new ExportSessions(Environment, Observer, ModuleVersion);
        foreach (var s in _sessions)
            Try(() =>
            {
                var result = export.Run(s, options, many: _sessions.Count > 1);
                if (result is not null && PassThru) WriteObject(result);
            }, s);
    }

    private static string ModuleVersion => typeof(ExportAgentSessionCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static string? PlainText(SecureString? secure) => secure is null ? null : new System.Net.NetworkCredential("", secure).Password;
}
