using SameSession.Core.Infrastructure;
using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Sessions;

/// <summary>
/// Finds sessions: fans out to the providers in parallel, merges, filters, sorts by Updated (newest first).
/// Never writes. A provider that fails or a missing home becomes a warning; the others go on.
/// </summary>
public sealed class SessionCatalog
{
    private readonly AgentEnvironment _env;
    private readonly IReadOnlyList<IAgentProvider> _providers;
    private readonly PathRules _rules;

    public SessionCatalog(AgentEnvironment env, IReadOnlyList<IAgentProvider>? providers = null, PathRules? rules = null)
    {
        _env = env;
        _providers = providers ?? ProviderRegistry.All;
        _rules = rules ?? PathRules.Current;
    }

    public IReadOnlyList<AgentSession> Find(SessionQuery query, IOperationObserver observer)
    {
        var filter = new SessionFilter(query, _env, _rules);
        var chosen = _providers.Where(p => query.Providers.Count == 0 || SessionFilter.Includes(query.Providers, p.Kind)).ToList();
        var buffer = new BufferedObserver();
        var cache = DescriptionCache.For(_env, query.NoCache);
        var context = new DiscoveryContext(_env, buffer, query.IncludeArchived) { IdFilter = filter.FiltersIds ? filter.MatchesId : null, Cache = cache };

        var perProvider = new List<AgentSession>[chosen.Count];
        ParallelWork.For(chosen.Count, i => perProvider[i] = DiscoverOne(chosen[i], context, explicitlyAsked: query.Providers.Count > 0, buffer));
        cache?.Save(buffer);
        buffer.ReplayTo(observer);

        var total = 0;
        foreach (var list in perProvider) total += list.Count;
        var matching = new List<AgentSession>(total);
        foreach (var list in perProvider)
            foreach (var s in list)
                if (filter.Matches(s)) matching.Add(s);
        return NewestFirst(matching, query.Latest);
    }

    /// <summary>Sorted by Updated (newest first), then provider, then id; stable; the first <paramref name="latest"/> when positive.</summary>
    private static List<AgentSession> NewestFirst(List<AgentSession> sessions, int latest)
    {
        // Sorted by a precomputed key (newest first) as plain numbers; only runs of equal times look at the sessions.
        var keys = new long[sessions.Count];
        var order = new int[sessions.Count];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = -(sessions[i].Updated ?? DateTimeOffset.MinValue).UtcTicks;
            order[i] = i;
        }
        Array.Sort(keys, order);
        IComparer<int>? ties = null;
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1)
            {
                ties ??= Comparer<int>.Create((a, b) =>
                {
                    var x = sessions[a];
                    var y = sessions[b];
                    var c = x.Provider.CompareTo(y.Provider);
                    if (c == 0) c = string.CompareOrdinal(x.Id, y.Id);
                    return c != 0 ? c : a.CompareTo(b);
                });
                Array.Sort(order, start, end - start, ties);
            }
            start = end;
        }
        var count = latest > 0 ? Math.Min(latest, order.Length) : order.Length;
        var sorted = new List<AgentSession>(count);
        for (var i = 0; i < count; i++) sorted.Add(sessions[order[i]]);
        return sorted;
    }

    private List<AgentSession> DiscoverOne(IAgentProvider provider, DiscoveryContext context, bool explicitlyAsked, BufferedObserver buffer)
    {
        var home = provider.ResolveHome(_env);
        var homeMissing = !Directory.Exists(home);
        if (homeMissing)
        {
            var message = $"{home}: {provider.Kind} home not found; no {provider.Kind} sessions listed.";
            if (explicitlyAsked) buffer.Warning(message);
            else buffer.Verbose(message);
        }
        var found = new List<AgentSession>();
        try
        {
            foreach (var s in provider.Discover(context)) found.Add(s);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException && homeMissing)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Warn(home, $"{provider.Kind} discovery stopped early ({ex.GetType().Name}: {ex.Message}); {found.Count} sessions listed from it.");
        }
        return found;
    }
}
