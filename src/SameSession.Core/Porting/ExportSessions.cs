using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Policy;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>What Export-AgentSession / `samesession export` were asked, beyond the sessions.</summary>
/// <param name="Path">A capsule file (one session) or a folder (one &lt;Provider&gt;-&lt;id&gt;.capsule per session).</param>
/// <param name="AllowSecret">Fingerprints of findings the user allows to travel.</param>
public sealed record ExportOptions(string Path, IReadOnlyList<IAgeRecipient> Recipients, bool Armor = false, IReadOnlyList<string>? AllowSecret = null, bool RedactSecrets = false, bool Force = false, bool IncludeWorkspace = false, ExportFormat Format = ExportFormat.Capsule);

/// <summary>The use case behind the front ends: each session through its agent's collector into its own capsule.</summary>
public sealed class ExportSessions(AgentEnvironment environment, IOperationObserver observer, string toolVersion)
{
    /// <summary>Exports one session; <paramref name="many"/> says the front end got more than one, so Path must be a folder.</summary>
    public ExportResult? Run(AgentSession session, ExportOptions options, bool many = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var policy = new SecretPolicy(new HashSet<string>(options.AllowSecret ?? [], StringComparer.Ordinal), options.RedactSecrets);
        var path = CapsulePath(options.Path, session, many, options.Format);
        if (options.Format == ExportFormat.Acpx)
        {
            if (options.IncludeWorkspace || options.Armor || options.Recipients.Count > 0)
                throw new SameSessionException(ErrorIds.InvalidArgument, "An acpx archive is plain JSON of the session only; -Recipient, -Passphrase, -Armor and -IncludeWorkspace are for -Format Capsule.");
            return new Acpx.AcpxArchiveExport(environment, observer, toolVersion).Run(session, path, policy, options.Force);
        }
        return new ExportOperation(Porters.For(session.Provider), environment, observer, toolVersion)
            .Run(new ExportRequest(session, path, options.Recipients, policy, options.Armor, options.Force, options.IncludeWorkspace));
    }

    /// <summary>A folder (existing, or spelled with a trailing separator, or needed for many sessions) gets &lt;Provider&gt;-&lt;id&gt;.capsule (an acpx archive: .json).</summary>
    public static string CapsulePath(string path, AgentSession session, bool many, ExportFormat format = ExportFormat.Capsule)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(session);
        var folder = Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(System.IO.Path.DirectorySeparatorChar);
        if (!folder && many)
            throw new SameSessionException(ErrorIds.InvalidArgument, $"Several sessions cannot go into the one file '{path}'; give a folder for -Path (one capsule per session).", path);
        if (!folder) return path;
        Directory.CreateDirectory(path);
        return System.IO.Path.Combine(path, $"{session.Provider}-{session.Id}{(format == ExportFormat.Acpx ? ".json" : ".capsule")}");
    }
}
