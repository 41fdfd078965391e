namespace SameSession.Core.Capsules.Manifest;

/// <summary>
/// manifest.json, the first entry of every capsule (docs/formats/capsule-v1.md). Serialized in snake_case by
/// <see cref="ManifestJson"/>; every field is part of the format and unknown fields are refused on read.
/// </summary>
public sealed record CapsuleManifest
{
    public const string FormatV1 = "samesession.capsule/1";
    public const string FormatPrefix = "samesession.capsule/";
    public const string EntryName = "manifest.json";

    public string Format { get; init; } = FormatV1;
    public required DateTimeOffset Created { get; init; }
    public required ToolInfo Tool { get; init; }
    public required ProviderInfo Provider { get; init; }
    public required SessionInfo Session { get; init; }
    public required SourceInfo Source { get; init; }
    public required IReadOnlyList<CapsuleFile> Files { get; init; }
    public IReadOnlyList<DbRowSet> DbRows { get; init; } = [];
    public WorkspaceInfo? Workspace { get; init; }
    public IReadOnlyList<Redaction> Redactions { get; init; } = [];
    public IReadOnlyList<Provenance> ImportedFrom { get; init; } = [];

    /// <summary>The sum of every file's size: what the decompressed capsule may hold besides tar framing.</summary>
    public long TotalSize() => Files.Sum(f => f.Size);
}

public sealed record ToolInfo(string Name, string Version);

/// <summary><paramref name="Name"/> is an <see cref="Sessions.AgentProvider"/> name; the version is the agent CLI's, when known.</summary>
public sealed record ProviderInfo(string Name, string? Version);

public sealed record SessionInfo(string NativeId, string? Title);

/// <summary>Where the session lived. Paths are as the source OS spells them.</summary>
public sealed record SourceInfo
{
    public required string Cwd { get; init; }

    /// <summary>The cwd relative to <see cref="Home"/> with '/' separators, or null when it is outside the home.</summary>
    public string? CwdRelativeToHome { get; init; }

    public required string Home { get; init; }

    /// <summary>The agent's data home on the source (e.g. ~/.claude), which native/ paths are relative to.</summary>
    public string? ProviderHome { get; init; }

    /// <summary>linux, macos, windows or other.</summary>
    public required string Os { get; init; }

    /// <summary>posix or windows: how to split and compare the paths above.</summary>
    public required string PathFlavor { get; init; }
}

/// <summary>One capsule entry. <paramref name="Sha256"/> is 64 lowercase hex digits of exactly the bytes in the capsule.</summary>
public sealed record CapsuleFile(string Path, string Role, long Size, string Sha256, bool Executable = false);

/// <summary>Rows of one database table, stored as a JSON Lines file entry (one row object per line) at <paramref name="Path"/>.</summary>
public sealed record DbRowSet(string Database, string Table, string Path, int Rows);

/// <summary>The source repository state travelling with the session (a git bundle entry), when one was captured.</summary>
public sealed record WorkspaceInfo(string Head, string? Branch, bool Dirty, string? Snapshot, string? Bundle);

/// <summary>A secret replaced in the exported copy. Never holds the secret, only its fingerprint.</summary>
public sealed record Redaction(string Path, long Line, string Rule, string Fingerprint);

/// <summary>One earlier hop of a session that was imported from a capsule before being exported again.</summary>
public sealed record Provenance(DateTimeOffset Created, string ToolVersion, string SourceCwd, string SourceOs, DateTimeOffset ImportedAt, string? CapsuleSha256);
