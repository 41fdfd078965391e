using Microsoft.Data.Sqlite;
using SameSession.Core.Operations;

namespace SameSession.Core.Infrastructure;

/// <summary>Opens SQLite to prove the native library loads in this host, and reports its version.</summary>
public static class SqliteProbe
{
    public static string? Version(IOperationObserver observer)
    {
        try
        {
            using var c = new SqliteConnection("Data Source=:memory:");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "select sqlite_version()";
            return cmd.ExecuteScalar() as string;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or SqliteException or InvalidOperationException)
        {
            observer.Warning($"SQLite could not be loaded: {ex.GetBaseException().Message}");
            return null;
        }
    }

    /// <summary>Creates a database file, writes and reads a row: the packaged-module load test calls this.</summary>
    public static string RoundTrip(string databasePath)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "create table if not exists probe(v text); insert into probe values ('ok'); select v || ' ' || sqlite_version() from probe limit 1";
        return (string)cmd.ExecuteScalar()!;
    }
}
