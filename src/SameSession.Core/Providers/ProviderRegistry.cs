using System.Reflection;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>
/// Every <see cref="IAgentProvider"/> in Core, one per agent, in <see cref="AgentProvider"/> order. Listed explicitly
/// because scanning the assembly's types costs a short-lived `samesession list` about 10 ms; a unit test compares the
/// list with a reflection scan (<see cref="FromAssembly"/>), so a new provider cannot be forgotten here.
/// </summary>
public static class ProviderRegistry
{
    private static readonly Lazy<IReadOnlyList<IAgentProvider>> Providers = new(() => new IAgentProvider[]
    {
        new ClaudeCodeProvider(), new CodexProvider(), new OpenCodeProvider(), new AcpxProvider(), new GeminiProvider(),
    }.OrderBy(p => p.Kind).ToList().AsReadOnly());

    public static IReadOnlyList<IAgentProvider> All => Providers.Value;

    /// <summary>The provider for <paramref name="kind"/>, or null when this build has none.</summary>
    public static IAgentProvider? Find(AgentProvider kind) => All.FirstOrDefault(p => p.Kind == kind);

    /// <summary>Every concrete provider class in <paramref name="assembly"/> (public or internal, parameterless constructor).</summary>
    internal static IReadOnlyList<Type> FromAssembly(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException ex) { types = ex.Types.Where(t => t is not null).ToArray()!; }

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IAgentProvider).IsAssignableFrom(t))
            .Where(t => t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is not null)
            .ToList();
    }
}
