namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// The cache key of a SQLite database: the main file's size and mtime, plus its <c>-wal</c>'s (a commit in WAL mode
/// changes only the WAL; a checkpoint changes the main file). Taken before the database is read, so a write during the
/// read leaves a stale key that simply misses next time.
/// </summary>
internal readonly record struct DatabaseStamp(long Size, DateTime LastWriteUtc, string Extra)
{
    /// <summary>The stamp, or null when the database cannot be stat'ed (it is then read without the cache).</summary>
    public static DatabaseStamp? Of(string database)
    {
        try
        {
            var main = new FileInfo(database);
            if (!main.Exists) return null;
            var wal = new FileInfo(database + "-wal");
            var walKey = wal.Exists ? $"wal {wal.Length} {wal.LastWriteTimeUtc.Ticks}" : "no wal";
            return new DatabaseStamp(main.Length, main.LastWriteTimeUtc, walKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
