using SameSession.Core.Operations;

namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// SameSession's own persistent cache of session descriptions that need whole-file reads, in
/// <c>$XDG_CACHE_HOME/samesession/catalog-v1/</c> (<c>~/.cache/…</c>; <c>%LOCALAPPDATA%\samesession\…</c> on Windows),
/// one file per provider. Never inside an agent's folders. Liveness and orphan state are never cached.
/// </summary>
public sealed class DescriptionCache
{
    public const string DisableVariable = "SAMESESSION_NO_CACHE";
    private readonly List<IFactsStore> _stores = [];
    private readonly object _gate = new();

    public DescriptionCache(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The cache for this environment, or null when disabled by <c>SAMESESSION_NO_CACHE=1</c> or the caller.</summary>
    public static DescriptionCache? For(AgentEnvironment env, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (disabled || env.Get(DisableVariable) is { } v && v != "0") return null;
        var root = OperatingSystem.IsWindows() && env.Get("LOCALAPPDATA") is { } local ? local : env.PathOr("XDG_CACHE_HOME", ".cache");
        return new DescriptionCache(Path.Combine(root, "samesession", "catalog-v1"));
    }

    /// <summary>The store of one provider's facts, loaded now (a bad file is reported verbosely and rebuilt).</summary>
    internal FactsStore<T> Store<T>(string name, IOperationObserver observer) where T : class
    {
        var store = FactsStore<T>.Load(Path.Combine(Folder, name + ".json"), observer);
        lock (_gate) _stores.Add(store);
        return store;
    }

    /// <summary>Writes every store that changed (atomically); a failure is only a verbose message.</summary>
    public void Save(IOperationObserver observer)
    {
        lock (_gate)
        {
            foreach (var s in _stores) s.Save(observer);
            _stores.Clear();
        }
    }
}

internal interface IFactsStore
{
    void Save(IOperationObserver observer);
}
