using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// Printing a long list is bound by memory latency, not by formatting: the sessions and their texts were built on
/// several threads and are visited in date order, so nearly every field is a cache miss, one after another. Asking for
/// the sessions a few places ahead (and, once those are in, for their texts) lets the misses overlap, and the session
/// being printed finds its data in the cache.
/// </summary>
internal static class SessionPrefetch
{
    private const int ObjectsAhead = 16;
    private const int TextsAhead = 8;

    public static void Ahead(IReadOnlyList<AgentSession> sessions, int index)
    {
        if (index + ObjectsAhead < sessions.Count) CachePrefetch.Fetch(sessions[index + ObjectsAhead]);
        if (index + TextsAhead >= sessions.Count) return;
        var s = sessions[index + TextsAhead];
        CachePrefetch.Fetch(s.Id);
        CachePrefetch.Fetch(s.Title);
        CachePrefetch.Fetch(s.Directory);
        CachePrefetch.Fetch(s.ProjectRoot);
        CachePrefetch.Fetch(s.ProjectId);
        CachePrefetch.Fetch(s.GitBranch);
        CachePrefetch.Fetch(s.ProviderVersion);
        CachePrefetch.Fetch(s.FirstPrompt);
        CachePrefetch.Fetch(s.Home);
        CachePrefetch.Fetch(s.Files);
        if (s.Files is { Count: > 0 } files) CachePrefetch.Fetch(files[0]);
    }
}
