using SameSession.Core.Errors;

namespace SameSession.Core.Policy;

/// <summary>
/// What an export does with findings: block (the default), let allow-listed fingerprints through, or redact in the
/// exported copy. The user's files are never changed.
/// </summary>
public sealed record SecretPolicy(IReadOnlySet<string> AllowedFingerprints, bool RedactSecrets)
{
    public static SecretPolicy Block { get; } = new(new HashSet<string>(), false);

    public bool IsAllowed(SecretFinding finding) => AllowedFingerprints.Contains(finding.Fingerprint);

    /// <summary>True when this finding is to be replaced in the exported copy.</summary>
    public bool ShouldRedact(SecretFinding finding) => RedactSecrets && !IsAllowed(finding);

    /// <summary>Throws SecretFound naming every finding that is neither allowed nor redacted.</summary>
    public void Enforce(IEnumerable<SecretFinding> findings)
    {
        var blocking = findings.Where(f => !IsAllowed(f) && !RedactSecrets).ToList();
        if (blocking.Count == 0) return;
        const int shown = 20;
        var lines = string.Join(Environment.NewLine, blocking.Take(shown).Select(f => "  " + f));
        var more = blocking.Count > shown ? $"{Environment.NewLine}  … and {blocking.Count - shown} more" : "";
        var allow = string.Join(",", blocking.Select(f => f.Fingerprint).Distinct().Take(shown));
        throw new SameSessionException(ErrorIds.SecretFound,
            $"{blocking.Count} possible credential(s) found in the session:{Environment.NewLine}{lines}{more}{Environment.NewLine}" +
            $"Remove them, export with -RedactSecrets (--redact-secrets) to replace them in the capsule only, or allow these exact values with -AllowSecret {allow} (--allow-secret).",
            blocking[0].File);
    }

    /// <summary>Throws SecretFound when <paramref name="path"/> is on the credential/config denylist.</summary>
    public static void RefuseDenied(string path)
    {
        if (ExportDenylist.Reason(path) is { } reason)
            throw new SameSessionException(ErrorIds.SecretFound, $"{reason} and is never exported ('{path}'). This is a provider bug; please report it.", path);
    }
}
