using System.Globalization;
using System.Text;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Identity;

/// <summary>Creates an age X25519 identity file readable only by its owner. Never overwrites one.</summary>
public static class NewIdentityOperation
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <returns>The new identity (without its secret), or null when ShouldProcess declined.</returns>
    public static IdentityInfo? Run(AgentEnvironment env, string? path, IOperationObserver observer, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var target = Path.GetFullPath(path ?? IdentityFile.DefaultPath(env));
        // An identity is the only key to everything encrypted to it, so there is deliberately no -Force.
        if (File.Exists(target)) throw Exists(target);
        if (!observer.ShouldProcess(target, "Create age identity (owner-only file)")) return null;

        var identity = X25519Identity.Generate();
        var created = (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var text = $"# created: {created}\n# public key: {identity.Recipient}\n{identity}\n";
        WriteOwnerOnly(target, Encoding.ASCII.GetBytes(text));
        observer.Verbose($"Wrote the identity to {target}; share its recipient {identity.Recipient}.");
        return new IdentityInfo { Path = target, Type = "X25519", Recipient = identity.Recipient.ToString() };
    }

    /// <summary>Writes a temporary file created with mode 0600, then moves it into place without overwriting.</summary>
    private static void WriteOwnerOnly(string target, byte[] content)
    {
        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, OwnerDirectory);
        }
        var temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerFile;
        try
        {
            using (var fs = new FileStream(temp, options))
            {
                fs.Write(content);
                fs.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                throw Exists(target);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static SameSessionException Exists(string target) =>
        new(ErrorIds.DestinationExists,
            $"An identity already exists at {target}. SameSession never overwrites one: files encrypted to it would become unreadable. Use it (Get-SameSessionIdentity), choose another -Path, or move the file away yourself.",
            target);
}
