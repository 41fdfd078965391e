using System.Security.Cryptography;
using System.Text;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// SameSession's own record of imports, beside the journal: <c>imports/&lt;Provider&gt;/&lt;id&gt;.json</c> is the kept
/// copy of the last imported manifest (with <c>imported_from</c> appended), and <c>backups/&lt;Provider&gt;/&lt;id&gt;/&lt;stamp&gt;/</c>
/// holds what an update replaced.
/// </summary>
public sealed class PortingState(string root)
{
    public string Root { get; } = root;

    public static PortingState For(AgentEnvironment environment) =>
        new(Path.GetDirectoryName(JournalStore.For(environment).Directory)!);

    public string ImportRecordPath(AgentProvider provider, string id) => Path.Combine(Root, "imports", provider.ToString(), Safe(id) + ".json");

    /// <summary>The manifest kept by the last import of this session, or null.</summary>
    public CapsuleManifest? LastImport(AgentProvider provider, string id)
    {
        var path = ImportRecordPath(provider, id);
        if (!File.Exists(path)) return null;
        try { return ManifestJson.Parse(File.ReadAllBytes(path)); }
        catch (Errors.SameSessionException) { return null; }
    }

    /// <summary>Writes the manifest copy atomically (temp file + rename).</summary>
    public void RecordImport(AgentProvider provider, string id, CapsuleManifest manifest)
    {
        var path = ImportRecordPath(provider, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, ManifestJson.Serialize(manifest));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A new, empty backup folder for one update of one session.</summary>
    public string NewBackupFolder(AgentProvider provider, string id, DateTimeOffset now)
    {
        var folder = Path.Combine(Root, "backups", provider.ToString(), Safe(id), now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Identifies a capsule's session content (every entry's path and hash), whatever the encryption or export time.</summary>
    public static string ContentHash(CapsuleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var text = new StringBuilder(manifest.Provider.Name).Append('\n').Append(manifest.Session.NativeId).Append('\n');
        foreach (var f in manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal)) text.Append(f.Path).Append(' ').Append(f.Sha256).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private static string Safe(string id) => string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
