using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>Turns what the user typed (-Recipient, -RecipientFile, -Identity, -Passphrase) into age keys.</summary>
public static class CapsuleKeys
{
    /// <summary>age1… / ssh-ed25519 / ssh-rsa strings, a file of them (one a line, # comments), and a passphrase.</summary>
    public static IReadOnlyList<IAgeRecipient> Recipients(IEnumerable<string>? recipients, string? recipientFile, string? passphrase)
    {
        var list = new List<IAgeRecipient>();
        foreach (var r in recipients ?? [])
        {
            try { list.Add(AgeKeys.ParseRecipient(r.Trim())); }
            catch (Exception ex) when (ex is FormatException or ArgumentException or SameSessionException)
            {
                throw new SameSessionException(ErrorIds.InvalidArgument, $"'{r}' is not a recipient; give an age1… key or an ssh-ed25519/ssh-rsa public key line ({ex.Message}).", r, ex);
            }
        }
        if (recipientFile is not null)
        {
            if (!File.Exists(recipientFile)) throw new SameSessionException(ErrorIds.PathNotFound, $"The recipient file '{recipientFile}' does not exist.", recipientFile);
            list.AddRange(AgeKeys.ParseRecipientsFile(File.ReadAllText(recipientFile)));
        }
        if (passphrase is not null)
        {
            if (list.Count > 0) throw new SameSessionException(ErrorIds.InvalidArgument, "A passphrase capsule cannot also have recipients (age allows a passphrase alone); use one or the other.");
            list.Add(new ScryptRecipient(passphrase));
        }
        return list;
    }

    /// <summary>Identity files (default: the user's identity file when it exists) and a passphrase.</summary>
    public static IReadOnlyList<IAgeIdentity> Identities(AgentEnvironment environment, IEnumerable<string>? identityFiles, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = identityFiles?.ToList() ?? [];
        var list = new List<IAgeIdentity>();
        if (files.Count == 0 && passphrase is null && File.Exists(IdentityFile.DefaultPath(environment))) files.Add(IdentityFile.DefaultPath(environment));
        foreach (var f in files)
        {
            if (!File.Exists(f)) throw new SameSessionException(ErrorIds.PathNotFound, $"The identity file '{f}' does not exist; create one with New-SameSessionIdentity (samesession identity new).", f);
            list.AddRange(AgeKeys.ParseIdentities(File.ReadAllText(f)));
        }
        if (passphrase is not null) list.Add(new ScryptIdentity(passphrase));
        if (list.Count == 0)
            throw new SameSessionException(ErrorIds.NoMatchingIdentity, $"No identity to open the capsule: {IdentityFile.DefaultPath(environment)} does not exist. Pass -Identity (--identity) or -Passphrase, or create one with New-SameSessionIdentity.");
        return list;
    }
}
