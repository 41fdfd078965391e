using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Sessions;

namespace SameSession.Core.Capsules.Bundle;

/// <summary>The JSON of a bundle manifest (same conventions as <see cref="ManifestJson"/>) and the checks it must pass.</summary>
public static class BundleJson
{
    public const int MaxMembers = 10_000;

    public static byte[] Serialize(BundleManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.BundleManifest);

    /// <summary>Parses and validates; CapsuleCorrupt for anything malformed or hostile (a member outside sessions/&lt;i&gt;, a session listed twice).</summary>
    public static BundleManifest Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > ManifestJson.MaxBytes) throw CapsuleErrors.Corrupt($"manifest larger than {ManifestJson.MaxBytes} bytes", CapsuleManifest.EntryName);
        BundleManifest? manifest;
        try { manifest = JsonSerializer.Deserialize(utf8, ManifestJsonContext.Default.BundleManifest); }
        catch (JsonException ex) { throw CapsuleErrors.Corrupt($"bundle manifest is not valid ({ex.Message})", CapsuleManifest.EntryName); }
        Check(manifest ?? throw CapsuleErrors.Corrupt("manifest is null", CapsuleManifest.EntryName));
        return manifest;
    }

    public static void Check(BundleManifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        Require(m.Format == BundleManifest.FormatV1, "not a bundle manifest");
        Require(m.Tool is { Name.Length: > 0, Version.Length: > 0 }, "tool name and version are required");
        Require(m.Members is { Count: > 0 and <= MaxMembers }, $"a bundle lists 1 to {MaxMembers} members");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Members.Count; i++)
        {
            var member = m.Members[i];
            Require(member is not null, "null member");
            Require(member.Path == BundleManifest.MemberPath(i), $"member {i} must live under '{BundleManifest.MemberPath(i)}/', not '{member.Path}'");
            Require(member.Provider is not null && Enum.GetNames<AgentProvider>().Contains(member.Provider), $"member {i}: provider is not a known agent");
            Require(member.NativeId is { Length: > 0 }, $"member {i}: native_id is required");
            Require(keys.Add(member.Key), $"the session {member.Key} is listed twice");
            Require(member.ManifestSha256 is not null && ManifestRules.Sha256().IsMatch(member.ManifestSha256), $"member {i}: invalid manifest_sha256");
            Require(member.ManifestSize is > 0 and <= ManifestJson.MaxBytes, $"member {i}: manifest_size out of range");
            Require(member.Files is >= 0 and <= ManifestRules.MaxFiles && member.Size >= 0, $"member {i}: files and size out of range");
        }
        Require(m.EntryCount() <= ManifestRules.MaxFiles, $"more than {ManifestRules.MaxFiles} entries in all");
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string reason)
    {
        if (!condition) throw CapsuleErrors.Corrupt(reason, CapsuleManifest.EntryName);
    }
}
