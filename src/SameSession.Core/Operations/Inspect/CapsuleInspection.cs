using SameSession.Core.Capsules;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;

namespace SameSession.Core.Operations.Inspect;

/// <summary>Get-AgentCapsule: read a capsule's public header and, given identities, its manifest; optionally verify every entry.</summary>
public static class CapsuleInspection
{
    public static CapsuleInfo Inspect(string path, IReadOnlyList<IAgeIdentity>? identities = null, bool verify = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new SameSessionException(ErrorIds.PathNotFound, $"'{full}' does not exist.", full);
        var header = CapsuleHeader.Read(full);
        if (identities is not { Count: > 0 })
        {
            if (verify) throw new SameSessionException(ErrorIds.InvalidArgument, "Verifying a capsule needs an identity (-Identity) or -Passphrase.");
            return new CapsuleInfo(full, header.FileSize, header.Armored, header.RecipientTypes, null, null);
        }
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        using var reader = CapsuleReader.Open(stream, identities);
        if (reader.Bundle is { } bundle)
        {
            if (!verify) return new CapsuleInfo(full, header.FileSize, header.Armored, header.RecipientTypes, null, null, bundle, [.. bundle.Members.Select(CapsuleMemberInfo.Listed)]);
            using var read = reader.ReadBundle(null);
            return new CapsuleInfo(full, header.FileSize, header.Armored, header.RecipientTypes, null, read.Members.All(m => m.Verified), bundle, [.. read.Members.Select(CapsuleMemberInfo.Read)]);
        }
        if (verify) reader.Verify();
        return new CapsuleInfo(full, header.FileSize, header.Armored, header.RecipientTypes, reader.Manifest, verify ? true : null);
    }
}
