using System.Management.Automation;
using SameSession.Core.Operations.Identity;

namespace SameSession.PowerShell.Commands;

/// <summary>Get-SameSessionIdentity: the recipient(s) of an identity file; the secret only with -IncludeSecret.</summary>
[Cmdlet(VerbsCommon.Get, "SameSessionIdentity")]
[OutputType(typeof(IdentityInfo))]
public sealed class GetSameSessionIdentityCommand : SameSessionCmdlet
{
    /// <summary>The identity file to read; defaults to the per-user config folder.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? Path { get; set; }

    /// <summary>Also return the secret key of age identities.</summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    protected override void ProcessRecord() =>
        Try(() =>
        {
            foreach (var info in GetIdentityOperation.Run(Environment, Path is null ? null : ResolvePath(Path), IncludeSecret, Observer))
                WriteObject(info);
        }, Path);
}
