using SameSession.Core.Crypto.Age;

namespace SameSession.Core.Capsules;

/// <summary>
/// What anyone can learn from a capsule without a key: it is a plain age file, so only the age header is public —
/// whether it is armored, and the type of each recipient stanza (X25519, scrypt, ssh-ed25519, ssh-rsa) — plus its
/// size. Everything else, the manifest included, is inside the encryption. See docs/formats/capsule-v1.md.
/// </summary>
public sealed record CapsuleHeader(long FileSize, bool Armored, IReadOnlyList<string> RecipientTypes)
{
    /// <summary>True when the capsule opens with a passphrase rather than keys.</summary>
    public bool IsPassphrase => RecipientTypes.Count == 1 && RecipientTypes[0] == "scrypt";

    public static CapsuleHeader Read(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(fs, fs.Length);
    }

    /// <summary>Parses the age header only; CapsuleCorrupt (or UnsupportedFormat for another age version) when it is not one.</summary>
    public static CapsuleHeader Read(Stream capsule, long fileSize)
    {
        var raw = new ByteSource(capsule);
        var armored = ArmorReader.LooksArmored(raw);
        var header = AgeHeader.Parse(armored ? new ByteSource(new ArmorReader(raw)) : raw);
        return new CapsuleHeader(fileSize, armored, header.Stanzas.Select(s => s.Type).ToList());
    }
}
