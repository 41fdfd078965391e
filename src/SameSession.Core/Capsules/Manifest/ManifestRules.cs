using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using SameSession.Core.Capsules.Tar;
using SameSession.Core.Sessions;

namespace SameSession.Core.Capsules.Manifest;

/// <summary>The checks a parsed manifest must pass beyond its JSON shape (they mirror capsule-manifest-v1.schema.json).</summary>
internal static partial class ManifestRules
{
    public const int MaxFiles = 100_000;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    internal static partial Regex Sha256();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex Role();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex Fingerprint();

    [GeneratedRegex("^[0-9a-f]{40,64}$")]
    private static partial Regex CommitId();

    private static readonly string[] OsNames = ["linux", "macos", "windows", "other"];
    private static readonly string[] Flavors = ["posix", "windows"];

    public static void Check(CapsuleManifest m)
    {
        Require(m.Tool is { Name.Length: > 0, Version.Length: > 0 }, "tool name and version are required");
        Require(m.Provider is not null && Enum.GetNames<AgentProvider>().Contains(m.Provider.Name), "provider name is not a known agent");
        Require(m.Session is { NativeId.Length: > 0 }, "session native_id is required");
        Require(m.Source is { Cwd.Length: > 0, Home.Length: > 0 }, "source cwd and home are required");
        Require(OsNames.Contains(m.Source.Os), "source os must be linux, macos, windows or other");
        Require(Flavors.Contains(m.Source.PathFlavor), "source path_flavor must be posix or windows");
        Require(m.Source.CwdRelativeToHome is null || (m.Source.CwdRelativeToHome.Length == 0 || TarPath.IsValid(m.Source.CwdRelativeToHome)), "source cwd_relative_to_home must be a plain relative path");
        Require(m.Files is not null && m.DbRows is not null && m.Redactions is not null && m.ImportedFrom is not null, "files, db_rows, redactions and imported_from must be arrays");
        Require(m.Files!.Count <= MaxFiles, $"more than {MaxFiles} files");

        var paths = new Dictionary<string, CapsuleFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in m.Files)
        {
            Require(f is not null, "null file");
            if (TarPath.Problem(f!.Path) is { } problem) throw CapsuleErrors.Corrupt($"manifest file path: {problem}", f.Path);
            Require(!string.Equals(f.Path, CapsuleManifest.EntryName, StringComparison.OrdinalIgnoreCase), "the manifest cannot list itself");
            Require(paths.TryAdd(f.Path, f), $"file '{f.Path}' listed twice");
            Require(f.Role is not null && Role().IsMatch(f.Role), $"file '{f.Path}' has an invalid role");
            Require(f.Size >= 0, $"file '{f.Path}' has a negative size");
            Require(f.Sha256 is not null && Sha256().IsMatch(f.Sha256), $"file '{f.Path}' has an invalid sha256");
        }
        foreach (var path in paths.Keys)
            for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
                Require(!paths.ContainsKey(path[..slash]), $"'{path[..slash]}' is listed as a file and as a folder");
        foreach (var rows in m.DbRows)
        {
            Require(rows is { Database.Length: > 0, Table.Length: > 0 } && rows.Rows >= 0, "db_rows entries need database, table and a row count");
            Require(rows.Path is not null && paths.ContainsKey(rows.Path), $"db_rows path '{rows.Path}' is not a listed file");
        }
        if (m.Workspace is { } w)
        {
            Require(w.Head is not null && CommitId().IsMatch(w.Head), "workspace head must be a commit id");
            Require(w.Bundle is null || paths.ContainsKey(w.Bundle), $"workspace bundle '{w.Bundle}' is not a listed file");
        }
        foreach (var r in m.Redactions)
            Require(r is not null && r.Path is not null && paths.ContainsKey(r.Path) && r.Line >= 1 && r.Rule is { Length: > 0 } && r.Fingerprint is not null && Fingerprint().IsMatch(r.Fingerprint), "invalid redaction record");
        foreach (var p in m.ImportedFrom)
            Require(p is { ToolVersion.Length: > 0, SourceCwd.Length: > 0 } && OsNames.Contains(p.SourceOs) && (p.CapsuleSha256 is null || Sha256().IsMatch(p.CapsuleSha256)), "invalid imported_from record");
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string reason)
    {
        if (!condition) throw CapsuleErrors.Corrupt(reason, CapsuleManifest.EntryName);
    }
}
