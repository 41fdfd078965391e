namespace SameSession.Core.Relocation.Rebind;

/// <summary>
/// Facts derived from whole files, kept while a file keeps its size and write time, so planning a thousand sessions
/// reads a file they all share (Claude's history and config) once instead of once per session. One instance per
/// batch: a new batch starts with nothing cached.
/// </summary>
public sealed class FileFacts
{
    private readonly Dictionary<(string Path, string Fact), (long Length, DateTime Written, object Value)> _entries = [];
    private readonly object _gate = new();

    /// <summary>The fact named <paramref name="fact"/> for the file as it is now, or null when it does not exist.</summary>
    internal T? Get<T>(string path, string fact, Func<string, T> derive) where T : class
    {
        var info = new FileInfo(path);
        if (!info.Exists) return null;
        var (length, written) = (info.Length, info.LastWriteTimeUtc);
        lock (_gate)
            if (_entries.TryGetValue((path, fact), out var e) && e.Length == length && e.Written == written) return (T)e.Value;
        var value = derive(path);
        lock (_gate) _entries[(path, fact)] = (length, written, value);
        return value;
    }
}
