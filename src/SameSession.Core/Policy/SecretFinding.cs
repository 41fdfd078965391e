namespace SameSession.Core.Policy;

/// <summary>
/// A credential found in a file. It never carries the secret: only where it is, which rule matched and a fingerprint
/// (the first 12 hex digits of the secret's SHA-256) that the user can allow-list.
/// </summary>
public sealed record SecretFinding(string File, long Line, string Rule, string Fingerprint)
{
    public override string ToString() => $"{File}:{Line}: {Rule} (fingerprint {Fingerprint})";
}
