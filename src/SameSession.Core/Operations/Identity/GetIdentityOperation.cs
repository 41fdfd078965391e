using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Identity;

/// <summary>Reads an identity file (age or unencrypted OpenSSH) and reports the recipients it can decrypt for.</summary>
public static class GetIdentityOperation
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <param name="includeSecret">Also return the secret key of age identities; only when the caller asked explicitly.</param>
    public static IReadOnlyList<IdentityInfo> Run(AgentEnvironment env, string? path, bool includeSecret, IOperationObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var target = Path.GetFullPath(path ?? IdentityFile.DefaultPath(env));
        if (!File.Exists(target))
            throw new SameSessionException(ErrorIds.PathNotFound,
                $"No identity file at {target}. Create one with New-SameSessionIdentity (samesession identity new) or give -Path.", target);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(target) & GroupOrOther) != 0)
            observer.Warning($"The identity file {target} is accessible to other users; restrict it with: chmod 600 '{target}'.");

        IReadOnlyList<IAgeIdentity> identities;
        try
        {
            identities = AgeKeys.ParseIdentities(File.ReadAllText(target));
        }
        catch (SameSessionException ex)
        {
            throw new SameSessionException(ex.Error, $"{target}: {ex.Message}", target, ex);
        }
        return identities.Select(i => Describe(target, i, includeSecret)).ToList();
    }

    private static IdentityInfo Describe(string path, IAgeIdentity identity, bool includeSecret) => identity switch
    {
        X25519Identity x => new IdentityInfo { Path = path, Type = "X25519", Recipient = x.Recipient.ToString(), Secret = includeSecret ? x.ToString() : null },
        SshEd25519Identity e => new IdentityInfo { Path = path, Type = "ssh-ed25519", Recipient = e.Recipient.ToString() },
        SshRsaIdentity r => new IdentityInfo { Path = path, Type = "ssh-rsa", Recipient = r.Recipient.ToString() },
        _ => throw new SameSessionException(ErrorIds.Internal, $"Unexpected identity type {identity.GetType().Name}."),
    };
}
