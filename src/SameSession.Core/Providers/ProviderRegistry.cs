using System.Reflection;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>
/// Every <see cref="IAgentProvider"/> in Core, found by reflection (public or internal classes with a
/// parameterless constructor), so adding a provider needs no registration edit.
/// </summary>
public static class ProviderRegistry
{
    private static readonly Lazy<IReadOnlyList<IAgentProvider>> Providers = new(() => FromAssembly(typeof(ProviderRegistry).Assembly));

    public static IReadOnlyList<IAgentProvider> All => Providers.Value;

    /// <summary>The provider for <paramref name="kind"/>, or null when this build has none.</summary>
    public static IAgentProvider? Find(AgentProvider kind) => All.FirstOrDefault(p => p.Kind == kind);

    internal static IReadOnlyList<IAgentProvider> FromAssembly(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException ex) { types = ex.Types.Where(t => t is not null).ToArray()!; }

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IAgentProvider).IsAssignableFrom(t))
            .Where(t => t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is not null)
            .Select(t => (IAgentProvider)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(p => p.Kind)
            .ThenBy(p => p.GetType().FullName, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
    }
}
