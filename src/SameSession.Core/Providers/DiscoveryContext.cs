using System.Collections.Concurrent;
using SameSession.Core.Infrastructure;
using SameSession.Core.Operations;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers;

/// <summary>What a provider's Discover needs: the environment, options that let it skip work, and a warning sink.</summary>
public sealed class DiscoveryContext
{
    public DiscoveryContext(AgentEnvironment environment, IOperationObserver observer, bool includeArchived = false)
    {
        Environment = environment;
        Observer = observer;
        IncludeArchived = includeArchived;
    }

    public AgentEnvironment Environment { get; }
    public IOperationObserver Observer { get; }
    public bool IncludeArchived { get; }

    /// <summary>Optional hint: ids the caller wants. Providers may skip reading sessions whose id fails it; the catalog filters again.</summary>
    public Func<string, bool>? IdFilter { get; init; }

    /// <summary>SameSession's description cache, or null when disabled (every file is scanned).</summary>
    public DescriptionCache? Cache { get; init; }

    /// <summary>This run's store of one provider's cached facts (loaded once), or null when the cache is disabled.</summary>
    internal FactsStore<T>? CacheStore<T>(string name, IFactsCodec<T> codec) where T : class =>
        Cache is null ? null : (FactsStore<T>)(_stores.TryGetValue(name, out var loaded) ? loaded : Open(name, codec)).Value;

    /// <summary>The first request of a store (kept apart so the per-session lookups allocate no closure).</summary>
    private Lazy<object> Open<T>(string name, IFactsCodec<T> codec) where T : class =>
        _stores.GetOrAdd(name, n => new Lazy<object>(() => Cache!.Store(n, codec, Observer)));

    private readonly ConcurrentDictionary<string, Lazy<object>> _stores = new(StringComparer.Ordinal);

    /// <summary>Running processes' command lines, read once per run (on first use) for every provider's liveness check.</summary>
    internal ProcessTable Processes => _processes.Value;

    private readonly Lazy<ProcessTable> _processes = new(ProcessTable.Read);

    /// <summary>Project roots, git work trees and directory existence, looked up once per run for all providers.</summary>
    internal ProjectRootFinder Roots { get; } = new();

    public bool MayMatchId(string id) => IdFilter?.Invoke(id) ?? true;

    public void Warn(string path, string problem) => Observer.Warning($"{path}: {problem}");
}
