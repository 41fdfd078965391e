using SameSession.Core.Operations;

namespace SameSession.Core.Sessions.Cache;

/// <summary>
/// SameSession's own persistent cache of session descriptions that need whole-file reads, in
/// <c>$XDG_CACHE_HOME/samesession/catalog-v2/</c> (<c>~/.cache/…</c>; <c>%LOCALAPPDATA%\samesession\…</c> on Windows),
/// one file per provider. Never inside an agent's folders. Liveness and orphan state are never cached.
/// </summary>
public sealed class DescriptionCache
{
    public const string DisableVariable = "SAMESESSION_NO_CACHE";
    public const string FolderName = "catalog-v2";

    /// <summary>The JSON cache of earlier versions; removed when this version first writes its own.</summary>
    private const string OldFolderName = "catalog-v1";
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
        return new DescriptionCache(Path.Combine(root, "samesession", FolderName));
    }

    /// <summary>The store of one provider's facts, loaded now (a bad file is reported verbosely and rebuilt).</summary>
    internal FactsStore<T> Store<T>(string name, IFactsCodec<T> codec, IOperationObserver observer) where T : class
    {
        var store = FactsStore<T>.Load(FileOf(name), codec, observer);
        lock (_gate) _stores.Add(store);
        return store;
    }

    /// <summary>The file holding one store.</summary>
    public string FileOf(string name) => Path.Combine(Folder, name + ".facts");

    /// <summary>Writes every store that changed (atomically); a failure is only a verbose message.</summary>
    public void Save(IOperationObserver observer)
    {
        lock (_gate)
        {
            var wrote = false;
            foreach (var s in _stores) wrote |= s.Save(observer);
            _stores.Clear();
            if (wrote) RemoveOldFolder(observer);
        }
    }

    private void RemoveOldFolder(IOperationObserver observer)
    {
        var old = Path.Combine(Path.GetDirectoryName(Folder)!, OldFolderName);
        try
        {
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            observer.Verbose($"{old}: the old session cache could not be removed ({ex.Message}).");
        }
    }
}

internal interface IFactsStore
{
    /// <summary>Writes the store if it changed; true when it wrote.</summary>
    bool Save(IOperationObserver observer);
}
