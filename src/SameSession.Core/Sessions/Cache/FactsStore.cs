using System.Collections.Concurrent;
using System.Text;
using SameSession.Core.Operations;

namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// Facts about files keyed by path, valid while the file's size and modification time (and any extra key, e.g. a
/// database's WAL) are unchanged. A compact binary file (magic, format and codec versions, the entries, an end marker)
/// streamed in once per run, no reflection; an unreadable, truncated or other-version file is rebuilt. Written by temp file + rename, so concurrent
/// runs never leave a torn file (the last writer wins), and only when something changed. Entries of files that no
/// longer exist are dropped on save.
/// </summary>
internal sealed class FactsStore<T> : IFactsStore where T : class
{
    private const int Magic = 0x43465353; // "SSFC"
    private const int FormatVersion = 1;
    private const int EndMarker = 0x21444E45; // "END!"

    private readonly string _file;
    private readonly IFactsCodec<T> _codec;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private volatile bool _dirty;

    /// <summary>Loaded entries not yet looked at in this run: when none is left (a full listing), there is nothing to prune
    /// and saving an unchanged store does not walk the entries.</summary>
    private int _unlooked;

    private FactsStore(string file, IFactsCodec<T> codec, ConcurrentDictionary<string, Entry> entries, bool dirty)
    {
        _file = file;
        _codec = codec;
        _entries = entries;
        _dirty = dirty;
        _unlooked = entries.Count;
    }

    public static FactsStore<T> Load(string file, IFactsCodec<T> codec, IOperationObserver observer)
    {
        // A missing store is normal (first run, an agent not installed): checked, not caught, as an exception costs milliseconds.
        if (!File.Exists(file)) return new FactsStore<T>(file, codec, NewMap(0), dirty: false);
        FileStream stream;
        try
        {
            // Unbuffered: the reader reads in large chunks into its own buffer.
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FactsStore<T>(file, codec, NewMap(0), dirty: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Rebuilt(file, codec, observer, ex.Message);
        }
        try
        {
            // Streamed through one pooled chunk: a whole-file array would be a large-object allocation, and those cost a full GC.
            using (stream) return new FactsStore<T>(file, codec, Parse(stream, codec), dirty: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or FormatException or OverflowException)
        {
            return Rebuilt(file, codec, observer, ex.Message);
        }
    }

    private static FactsStore<T> Rebuilt(string file, IFactsCodec<T> codec, IOperationObserver observer, string why)
    {
        observer.Verbose($"{file}: the session cache could not be read ({why}); it is rebuilt.");
        return new FactsStore<T>(file, codec, NewMap(0), dirty: true);
    }

    private static ConcurrentDictionary<string, Entry> NewMap(int capacity) =>
        new(Environment.ProcessorCount, Math.Max(capacity, 31), StringComparer.Ordinal);

    private static ConcurrentDictionary<string, Entry> Parse(FileStream stream, IFactsCodec<T> codec)
    {
        var length = stream.Length;
        using var reader = new FactsFileReader(stream);
        if (length < 16 || reader.ReadInt32() != Magic) throw new InvalidDataException("not a SameSession cache file");
        var format = reader.ReadInt32();
        var version = reader.ReadInt32();
        if (format != FormatVersion || version != codec.Version)
            throw new InvalidDataException($"written in layout {format}.{version}, this version uses {FormatVersion}.{codec.Version}");
        var count = reader.ReadCount();
        var map = NewMap(count);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var size = reader.ReadInt64();
            var mtime = reader.ReadInt64();
            var extra = reader.ReadText();
            map[path] = new Entry(size, mtime, extra, codec.Read(reader)) { Touched = false };
        }
        if (reader.ReadInt32() != EndMarker || !reader.AtEnd) throw new InvalidDataException("the file does not end where its entries do");
        return map;
    }

    /// <summary>The cached facts when the file (and <paramref name="extraKey"/>) are unchanged since they were stored.</summary>
    public T? Get(string path, long size, DateTime lastWriteUtc, string? extraKey = null)
    {
        if (!_entries.TryGetValue(path, out var e)) return null;
        if (e.Touch()) Interlocked.Decrement(ref _unlooked);
        return e.Size == size && e.Mtime == lastWriteUtc.Ticks && e.Extra == extraKey ? e.Facts : null;
    }

    public T? Get(string path, FileInfo info, string? extraKey = null) => Get(path, info.Length, info.LastWriteTimeUtc, extraKey);

    public void Put(string path, long size, DateTime lastWriteUtc, T facts, string? extraKey = null)
    {
        _entries[path] = new Entry(size, lastWriteUtc.Ticks, extraKey, facts);
        _dirty = true;
    }

    public void Put(string path, FileInfo info, T facts, string? extraKey = null) => Put(path, info.Length, info.LastWriteTimeUtc, facts, extraKey);

    /// <summary>The paths with an entry (for tests and diagnostics).</summary>
    internal IReadOnlyCollection<string> Paths => (IReadOnlyCollection<string>)_entries.Keys;

    /// <summary>A run killed between writing its temp file and renaming it leaves the temp behind; one older than any
    /// write could take is removed by the next save (a younger one may belong to a run still writing).</summary>
    private void SweepAbandonedTemps()
    {
        var cutoff = DateTime.UtcNow - TimeSpan.FromMinutes(10);
        try
        {
            foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + ".*.tmp"))
                if (File.GetLastWriteTimeUtc(stale) < cutoff) File.Delete(stale);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    public bool Save(IOperationObserver observer)
    {
        // Only entries this run did not look at can be stale; a full listing touches every file it still sees.
        if (Volatile.Read(ref _unlooked) > 0)
        {
            foreach (var (path, entry) in _entries)
            {
                if (!entry.Touched && !File.Exists(path) && _entries.TryRemove(path, out _)) _dirty = true;
            }
        }
        if (!_dirty) return false;
        var temp = $"{_file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
                Write(writer);
            File.Move(temp, _file, overwrite: true);
            _dirty = false;
            SweepAbandonedTemps();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            observer.Verbose($"{_file}: the session cache could not be written ({ex.Message}); the next run scans again.");
            try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return false;
        }
    }

    private void Write(BinaryWriter writer)
    {
        var entries = _entries.ToArray();
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(_codec.Version);
        writer.Write(entries.Length);
        foreach (var (path, e) in entries)
        {
            writer.Write(path);
            writer.Write(e.Size);
            writer.Write(e.Mtime);
            writer.WriteText(e.Extra);
            _codec.Write(writer, e.Facts);
        }
        writer.Write(EndMarker);
    }

    private sealed class Entry(long size, long mtime, string? extra, T facts)
    {
        public long Size { get; } = size;
        public long Mtime { get; } = mtime;
        public string? Extra { get; } = extra;
        public T Facts { get; } = facts;

        private int _touched = 1;

        /// <summary>Looked at or written in this run (so not a candidate for pruning).</summary>
        public bool Touched
        {
            get => Volatile.Read(ref _touched) != 0;
            init => _touched = value ? 1 : 0;
        }

        /// <summary>Marks the entry looked at; true only for the call that did so first.</summary>
        public bool Touch() => Interlocked.Exchange(ref _touched, 1) == 0;
    }
}
