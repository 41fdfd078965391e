using System.Management.Automation;
using SameSession.Core.Operations.Identity;

namespace SameSession.PowerShell.Commands;

/// <summary>New-SameSessionIdentity: creates an owner-only age identity file and returns its recipient.</summary>
[Cmdlet(VerbsCommon.New, "SameSessionIdentity", SupportsShouldProcess = true)]
[OutputType(typeof(IdentityInfo))]
public sealed class NewSameSessionIdentityCommand : SameSessionCmdlet
{
    /// <summary>The identity file to create; defaults to the per-user config folder.</summary>
    [Parameter(Position = 0)]
    public string? Path { get; set; }

    protected override void EndProcessing() =>
        Try(() =>
        {
            var info = NewIdentityOperation.Run(Environment, Path is null ? null : ResolvePath(Path), Observer);
            if (info is not null) WriteObject(info);
        }, Path);
}
