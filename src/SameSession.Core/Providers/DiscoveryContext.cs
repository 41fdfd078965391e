using SameSession.Core.Operations;
using SameSession.Core.Sessions;

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

    public bool MayMatchId(string id) => IdFilter?.Invoke(id) ?? true;

    public void Warn(string path, string problem) => Observer.Warning($"{path}: {problem}");
}
