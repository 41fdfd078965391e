using System.Text.Json;
using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Journal;

/// <summary>The folder of journal files (one per transaction) and their locks.</summary>
public sealed class JournalStore
{

    public JournalStore(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>
    /// $SAMESESSION_STATE_HOME/journal, else $XDG_STATE_HOME/samesession/journal, else ~/.local/state/samesession/journal
    /// (%LOCALAPPDATA%\SameSession\journal on Windows).
    /// </summary>
    public static JournalStore For(AgentEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (env.Get("SAMESESSION_STATE_HOME") is { } own) return new JournalStore(Path.Combine(env.ExpandHome(own), "journal"));
        if (OperatingSystem.IsWindows() && env.Get("LOCALAPPDATA") is { } local) return new JournalStore(Path.Combine(local, "SameSession", "journal"));
        return new JournalStore(Path.Combine(env.PathOr("XDG_STATE_HOME", ".local", "state"), "samesession", "journal"));
    }

    internal string JournalPath(string id) => Path.Combine(Directory, id + ".json");

    internal string LockPath(string id) => Path.Combine(Directory, id + ".lock");

    public IEnumerable<string> PendingIds() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Holds the transaction's lock for as long as the returned handle is open; null when another process holds it.</summary>
    internal FileStream? TryLock(string id)
    {
        System.IO.Directory.CreateDirectory(Directory);
        try
        {
            return new FileStream(LockPath(id), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Replaces the journal atomically (write, fsync, rename, fsync the folder; without the syncs when not durable).</summary>
    internal void Save(JournalRecord record, bool durable = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var tmp = JournalPath(record.Id) + ".tmp";
        if (durable) Durability.WriteFileDurably(tmp, JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Default.JournalRecord));
        else File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(record, JournalJsonContext.Default.JournalRecord));
        File.Move(tmp, JournalPath(record.Id), overwrite: true);
        if (durable) Durability.SyncDirectory(Directory);
    }

    internal JournalRecord? Load(string id)
    {
        var path = JournalPath(id);
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize(File.ReadAllBytes(path), JournalJsonContext.Default.JournalRecord);
    }

    internal void Remove(string id, FileStream? heldLock)
    {
        File.Delete(JournalPath(id));
        File.Delete(JournalPath(id) + ".tmp"); // no sync needed: a journal that comes back is recovered again, idempotently
        heldLock?.Dispose();
        File.Delete(LockPath(id));
    }
}
