using System.Text.Json.Serialization;
using SameSession.Core.Capsules.Manifest;

namespace SameSession.Core.Capsules.Bundle;

/// <summary>
/// manifest.json of a bundle capsule (docs/formats/capsule-v1.md, "Bundles"): several sessions in one capsule. Member
/// <c>i</c> lives under <c>sessions/i/</c> with its own single-session manifest and entries; this list pins each member
/// manifest by size and SHA-256 so every member is verified exactly like a capsule of its own.
/// </summary>
public sealed record BundleManifest
{
    public const string FormatV1 = "samesession.bundle/1";

    public string Format { get; init; } = FormatV1;
    public required DateTimeOffset Created { get; init; }
    public required ToolInfo Tool { get; init; }
    public required IReadOnlyList<BundleMember> Members { get; init; }

    /// <summary>The bytes every member declares: its manifest and its files (tar framing aside).</summary>
    public long TotalSize() => Members.Sum(m => m.ManifestSize + m.Size);

    /// <summary>How many tar entries follow manifest.json.</summary>
    public int EntryCount() => Members.Sum(m => m.Files + 1);

    /// <summary>The prefix of member <paramref name="index"/>'s entries, "sessions/&lt;index&gt;/".</summary>
    public static string MemberPath(int index) => $"sessions/{index}";
}

/// <param name="Path">"sessions/&lt;index&gt;"; its entries are this plus '/' plus the member manifest's paths.</param>
/// <param name="Files">How many files the member manifest lists; <paramref name="Size"/> is their total size.</param>
public sealed record BundleMember(string Path, string Provider, string NativeId, string? Title, long ManifestSize, string ManifestSha256, int Files, long Size)
{
    [JsonIgnore]
    public string ManifestEntry => $"{Path}/{CapsuleManifest.EntryName}";

    [JsonIgnore]
    public string Key => $"{Provider}:{NativeId}";
}
