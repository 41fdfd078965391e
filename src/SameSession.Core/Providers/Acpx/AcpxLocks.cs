using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Acpx;

/// <summary>
/// Liveness from acpx's own locks: `&lt;record&gt;.stream.lock` ({pid, created_at}, the event-log writer) and
/// `queues/&lt;sha256(id)[:24]&gt;.lock` ({pid, sessionId, …}, the queue owner serving prompts). A lock whose pid is
/// alive marks the session live; a stale lock left by a crash does not.
/// </summary>
internal sealed class AcpxLocks
{
    private readonly Dictionary<string, long> _queueOwners = new(StringComparer.Ordinal);
    private readonly string _queues;

    private AcpxLocks(string queues) => _queues = queues;

    public static AcpxLocks Load(string home, DiscoveryContext context)
    {
        var locks = new AcpxLocks(Path.Combine(home, "queues"));
        if (!Directory.Exists(locks._queues)) return locks;
        foreach (var file in Directory.EnumerateFiles(locks._queues, "*.lock"))
        {
            using var doc = JsonRead.TryParseFile(file, context);
            if (doc is null) continue;
            var owner = doc.RootElement;
            if (owner.Long("pid") is { } pid && owner.Str("sessionId") is { } id) locks._queueOwners[id] = pid;
        }
        return locks;
    }

    /// <param name="streamLock">The record's <c>.stream.lock</c> path; it is read only when <paramref name="listed"/> (this run's listing of the sessions folder) holds it.</param>
    public bool IsLive(string streamLock, string recordId, string? acpSessionId, IReadOnlyDictionary<string, ListedEntry> listed, DiscoveryContext context)
    {
        if (listed.ContainsKey(streamLock))
        {
            using var doc = JsonRead.TryParseFile(streamLock, context);
            if (doc is not null && Running(doc.RootElement.Long("pid"), JsonRead.Iso(doc.RootElement.Str("created_at")))) return true;
        }
        if (_queueOwners.Count == 0) return false;
        foreach (var id in new[] { recordId, acpSessionId })
            if (id is not null && _queueOwners.TryGetValue(id, out var owner) && Running(owner, null)) return true;
        return false;
    }

    private static bool Running(long? pid, DateTimeOffset? since) =>
        pid is > 0 and <= int.MaxValue && ProcessLiveness.IsRunning((int)pid.Value, since);
}
