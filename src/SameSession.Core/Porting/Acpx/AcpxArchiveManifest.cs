using SameSession.Core.Capsules.Acpx;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting.Acpx;

/// <summary>
/// A capsule-style description of an acpx archive, so an export or import of one reports the same result shape as a
/// capsule's. The archive holds no SameSession file list; the record and history travel inside its JSON.
/// </summary>
internal static class AcpxArchiveManifest
{
    public static CapsuleManifest Describe(AcpxArchiveHeader archive, DateTimeOffset created, string toolVersion, string? title)
    {
        var relative = Path.IsPathRooted(archive.CwdRelative) ? null : archive.CwdRelative.Replace('\\', '/');
        var absolute = archive.CwdAbsoluteOriginal;
        var home = relative is not null && absolute is not null && absolute.Length > relative.Length + 1 ? absolute[..^(relative.Length + 1)] : "";
        return new CapsuleManifest
        {
            Created = created,
            Tool = new ToolInfo("acpx-archive", toolVersion),
            Provider = new ProviderInfo(nameof(AgentProvider.Acpx), null),
            Session = new SessionInfo(archive.RecordId, title),
            Source = new SourceInfo
            {
                Cwd = absolute ?? archive.CwdRelative,
                CwdRelativeToHome = relative,
                Home = home,
                Os = "other",
                PathFlavor = (absolute ?? archive.CwdRelative).Contains('\\', StringComparison.Ordinal) ? "windows" : "posix",
            },
            Files = [],
        };
    }
}
