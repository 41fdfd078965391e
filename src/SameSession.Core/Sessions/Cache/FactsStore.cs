using System.Collections.Concurrent;
using System.Text.Json;
using SameSession.Core.Operations;

namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// Facts about files keyed by path, valid while the file's size and modification time (and any extra key, e.g. a
/// database's) are unchanged. Written by temp file + rename, so concurrent runs never leave a torn file
/// (the last writer wins). Entries of files that no longer exist are dropped on save.
/// </summary>
internal sealed class FactsStore<T> : IFactsStore where T : class
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly string _file;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, byte> _touched = new(StringComparer.Ordinal);
    private volatile bool _dirty;

    private FactsStore(string file, Dictionary<string, Entry> entries, bool dirty)
    {
        _file = file;
        _entries = new ConcurrentDictionary<string, Entry>(entries, StringComparer.Ordinal);
        _dirty = dirty;
    }

    public static FactsStore<T> Load(string file, IOperationObserver observer)
    {
        try
        {
            if (!File.Exists(file)) return new FactsStore<T>(file, [], dirty: false);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            var loaded = JsonSerializer.Deserialize<Dictionary<string, Entry>>(stream, Json)
                ?? throw new JsonException("empty document");
            foreach (var (key, e) in loaded)
            {
                if (e?.Facts is null) throw new JsonException($"entry {key} has no facts");
            }
            return new FactsStore<T>(file, loaded, dirty: false);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            observer.Verbose($"{file}: the session cache could not be read ({ex.Message}); it is rebuilt.");
            return new FactsStore<T>(file, [], dirty: true);
        }
    }

    /// <summary>The cached facts when the file (and <paramref name="extraKey"/>) are unchanged since they were stored.</summary>
    public T? Get(string path, FileInfo info, string? extraKey = null)
    {
        _touched[path] = 0;
        return _entries.TryGetValue(path, out var e) && e.Size == info.Length && e.Mtime == info.LastWriteTimeUtc.Ticks
            && e.Extra == extraKey ? e.Facts : null;
    }

    public void Put(string path, FileInfo info, T facts, string? extraKey = null)
    {
        _touched[path] = 0;
        _entries[path] = new Entry(info.Length, info.LastWriteTimeUtc.Ticks, extraKey, facts);
        _dirty = true;
    }

    public void Save(IOperationObserver observer)
    {
        foreach (var path in _entries.Keys)
        {
            if (!_touched.ContainsKey(path) && !File.Exists(path) && _entries.TryRemove(path, out _)) _dirty = true;
        }
        if (!_dirty) return;
        var temp = $"{_file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                JsonSerializer.Serialize(stream, new Dictionary<string, Entry>(_entries, StringComparer.Ordinal), Json);
            File.Move(temp, _file, overwrite: true);
            _dirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            observer.Verbose($"{_file}: the session cache could not be written ({ex.Message}); the next run scans again.");
            try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    internal sealed record Entry(long Size, long Mtime, string? Extra, T Facts);
}
