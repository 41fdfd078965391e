using SameSession.Core.Errors;

namespace SameSession.Core.Crypto.Age;

/// <summary>Parses recipients and identities in the text forms age and OpenSSH use.</summary>
public static class AgeKeys
{
    /// <summary>"age1…", or an OpenSSH public key line "ssh-ed25519 AAAA… [comment]" / "ssh-rsa AAAA… [comment]".</summary>
    public static IAgeRecipient ParseRecipient(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (text.StartsWith("age1", StringComparison.Ordinal)) return X25519Recipient.Parse(text);
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length >= 2 && fields[0] is SshEd25519Recipient.StanzaType or SshRsaRecipient.StanzaType)
        {
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[1]);
            }
            catch (FormatException)
            {
                throw new SameSessionException(ErrorIds.InvalidArgument, $"The {fields[0]} key is not base64; copy the whole line from the .pub file.", text);
            }
            return fields[0] == SshEd25519Recipient.StanzaType ? new SshEd25519Recipient(blob) : new SshRsaRecipient(blob);
        }
        throw new SameSessionException(ErrorIds.InvalidArgument,
            $"'{text}' is not a recipient; expected age1…, ssh-ed25519 … or ssh-rsa … (a .pub line).", text);
    }

    /// <summary>One recipient per line; blank lines and lines starting with # are ignored.</summary>
    public static IReadOnlyList<IAgeRecipient> ParseRecipientsFile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = KeyLines(text).Select(ParseRecipient).ToList();
        if (list.Count == 0) throw new SameSessionException(ErrorIds.InvalidArgument, "The recipients file lists no recipient; add an age1… or ssh- line.");
        return list;
    }

    /// <summary>An age identity file (AGE-SECRET-KEY-1… lines, # comments) or an unencrypted OpenSSH private key.</summary>
    public static IReadOnlyList<IAgeIdentity> ParseIdentities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains(OpenSshPrivateKey.BeginLine, StringComparison.Ordinal)) return [OpenSshPrivateKey.Parse(text)];
        var list = new List<IAgeIdentity>();
        foreach (var line in KeyLines(text))
        {
            if (!line.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal))
                throw new SameSessionException(ErrorIds.InvalidArgument,
                    line.StartsWith("AGE-PLUGIN-", StringComparison.Ordinal) || line.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal)
                        ? "The identity file holds a plugin or post-quantum identity, which this build cannot use; use an X25519 identity (age-keygen)."
                        : "The identity file holds a line that is not an AGE-SECRET-KEY-1… identity or a # comment.");
            list.Add(X25519Identity.Parse(line));
        }
        if (list.Count == 0) throw new SameSessionException(ErrorIds.InvalidArgument, "The identity file holds no identity; create one with New-SameSessionIdentity or age-keygen.");
        return list;
    }

    private static IEnumerable<string> KeyLines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
