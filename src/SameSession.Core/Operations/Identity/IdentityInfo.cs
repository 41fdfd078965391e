namespace SameSession.Core.Operations.Identity;

/// <summary>One identity in an identity file: its type and the recipient others encrypt to.</summary>
public sealed record IdentityInfo
{
    public required string Path { get; init; }

    /// <summary>X25519, ssh-ed25519 or ssh-rsa.</summary>
    public required string Type { get; init; }

    /// <summary>What to share: "age1…" or the SSH public key line.</summary>
    public required string Recipient { get; init; }

    /// <summary>The secret key "AGE-SECRET-KEY-1…"; null unless explicitly requested (never for SSH keys).</summary>
    public string? Secret { get; init; }
}
