namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// The cache key of a SQLite database: the main file's size and mtime, plus its <c>-wal</c>'s (a commit in WAL mode
/// changes only the WAL; a checkpoint changes the main file). Taken before the database is read, so a write during the
/// read leaves a stale key that simply misses next time.
/// </summary>
internal readonly record struct DatabaseStamp(long Size, DateTime LastWriteUtc, string Extra)
{
    /// <summary>How recent a write must be for its mtime not to tell it from the next one (timestamp granularity: git's "racy" rule).</summary>
    private static readonly TimeSpan Racy = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The stamp, or null when the database cannot be stat'ed or was written within the last two seconds: a second
    /// commit in the same timestamp tick could leave the size and mtime as they are (a WAL rewritten from its start
    /// after a checkpoint keeps its size). The database is then read without the cache, and the result not stored.
    /// </summary>
    public static DatabaseStamp? Of(string database)
    {
        try
        {
            var main = new FileInfo(database);
            if (!main.Exists) return null;
            var wal = new FileInfo(database + "-wal");
            var settled = DateTime.UtcNow - Racy;
            if (main.LastWriteTimeUtc > settled || (wal.Exists && wal.LastWriteTimeUtc > settled)) return null;
            var walKey = wal.Exists ? $"wal {wal.Length} {wal.LastWriteTimeUtc.Ticks}" : "no wal";
            return new DatabaseStamp(main.Length, main.LastWriteTimeUtc, walKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
