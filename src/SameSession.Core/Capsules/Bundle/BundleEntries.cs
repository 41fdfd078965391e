using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Capsules.Tar;
using SameSession.Core.Errors;

namespace SameSession.Core.Capsules.Bundle;

/// <summary>
/// Streams a bundle's entries after its manifest.json. Each member's manifest must come before its files and match the
/// size and SHA-256 the bundle pins; each file is checked against that member manifest exactly as in a single capsule.
/// A member's own fault marks that member failed (its later entries are skipped unread); an entry outside every
/// member, or a fault of the stream, fails the whole bundle.
/// </summary>
internal static class BundleEntries
{
    public static StagedBundle Read(CapsuleReader reader, TarArchiveReader tar, BundleManifest bundle, Func<BundleMember, string>? stagingParent, Action drainToEnd)
    {
        var states = bundle.Members.ToDictionary(m => m.Path, m => new MemberState(m), StringComparer.Ordinal);
        try
        {
            while (tar.Next() is { } entry)
            {
                var state = OwnerOf(entry.Path, states) ?? throw CapsuleErrors.Corrupt("entry not inside any member of the bundle", entry.Path);
                if (state.Error is not null) continue;
                var inner = entry.Path[(state.Member.Path.Length + 1)..];
                var failure = inner == CapsuleManifest.EntryName
                    ? ReadMemberManifest(reader, tar, entry, state, stagingParent)
                    : ReadMemberFile(tar, entry, inner, state);
                if (failure is not null) state.Fail(failure);
            }
            foreach (var state in states.Values.Where(s => s.Error is null))
            {
                if (state.Manifest is null) state.Fail(CapsuleErrors.Corrupt("the member's manifest is missing from the archive", state.Member.ManifestEntry));
                else if (state.Declared.Keys.FirstOrDefault(p => !state.Seen.Contains(p)) is { } absent)
                    state.Fail(CapsuleErrors.Corrupt("a file the member's manifest lists is missing from the archive", $"{state.Member.Path}/{absent}"));
            }
            drainToEnd();
            return new StagedBundle(bundle, [.. bundle.Members.Select(m => states[m.Path].Result())]);
        }
        catch
        {
            foreach (var state in states.Values) state.Staged?.Dispose();
            throw;
        }
    }

    private static MemberState? OwnerOf(string entryPath, Dictionary<string, MemberState> states)
    {
        const string Root = "sessions/";
        if (!entryPath.StartsWith(Root, StringComparison.Ordinal)) return null;
        var slash = entryPath.IndexOf('/', Root.Length);
        return slash > 0 && states.TryGetValue(entryPath[..slash], out var s) ? s : null;
    }

    private static SameSessionException? ReadMemberManifest(CapsuleReader reader, TarArchiveReader tar, TarEntryHeader entry, MemberState state, Func<BundleMember, string>? stagingParent)
    {
        var member = state.Member;
        if (state.Manifest is not null) return CapsuleErrors.Corrupt("the member's manifest appears twice", entry.Path);
        if (entry.Size != member.ManifestSize) return CapsuleErrors.Tampered($"the member manifest holds {entry.Size} bytes but the bundle says {member.ManifestSize}", entry.Path);
        var bytes = new byte[entry.Size];
        tar.OpenContent().ReadExactly(bytes);
        if (!string.Equals(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)), member.ManifestSha256, StringComparison.OrdinalIgnoreCase))
            return CapsuleErrors.Tampered("the member manifest's SHA-256 differs from the bundle's", entry.Path);
        CapsuleManifest manifest;
        try { manifest = reader.CheckedManifest(bytes); }
        catch (SameSessionException ex) { return ex; }
        if (manifest.Provider.Name != member.Provider || manifest.Session.NativeId != member.NativeId || manifest.Files.Count != member.Files || manifest.TotalSize() != member.Size)
            return CapsuleErrors.Tampered("the member manifest disagrees with the bundle's member list", entry.Path);
        state.Accept(manifest, stagingParent is null ? null : new StagedCapsule(CapsuleReader.NewStagingFolder(stagingParent(member)), manifest));
        return null;
    }

    private static SameSessionException? ReadMemberFile(TarArchiveReader tar, TarEntryHeader entry, string inner, MemberState state)
    {
        if (state.Manifest is null) return CapsuleErrors.Corrupt("entry comes before its member's manifest", entry.Path);
        if (!state.Declared.TryGetValue(inner, out var file)) return CapsuleErrors.Corrupt("entry not listed in the member's manifest", entry.Path);
        if (!state.Seen.Add(inner)) return CapsuleErrors.Corrupt("entry appears twice", entry.Path);
        if (entry.Size != file.Size) return CapsuleErrors.Tampered($"entry holds {entry.Size} bytes but the manifest says {file.Size}", entry.Path);
        using var hashing = new HashingReadStream(tar.OpenContent());
        if (state.Staged is { } staged) CapsuleReader.WriteStaged(staged.Root, inner, hashing);
        hashing.CopyTo(Stream.Null);
        return hashing.Sha256Hex() == file.Sha256 ? null : CapsuleErrors.Tampered("SHA-256 differs from the manifest", entry.Path);
    }

    private sealed class MemberState(BundleMember member)
    {
        public BundleMember Member { get; } = member;
        public CapsuleManifest? Manifest { get; private set; }
        public StagedCapsule? Staged { get; private set; }
        public SameSessionException? Error { get; private set; }
        public Dictionary<string, CapsuleFile> Declared { get; private set; } = [];
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public void Accept(CapsuleManifest manifest, StagedCapsule? staged)
        {
            Manifest = manifest;
            Staged = staged;
            Declared = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        }

        /// <summary>Refuses the member: nothing of it is kept.</summary>
        public void Fail(SameSessionException error)
        {
            Error = error;
            Staged?.Dispose();
            Staged = null;
        }

        public StagedMember Result() => new(Member, Error is null ? Manifest : null, Staged, Error);
    }
}
