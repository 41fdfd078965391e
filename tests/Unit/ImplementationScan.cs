using System.Reflection;

namespace SameSession.Tests.Unit;

/// <summary>Every concrete class of an assembly implementing <typeparamref name="T"/>: what the explicit registries
/// (providers, rebinders, CLI commands) are held equal to, so a new implementation cannot be left out of one.</summary>
internal static class ImplementationScan
{
    public static IReadOnlyList<Type> Of<T>(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException ex) { types = ex.Types.Where(t => t is not null).ToArray()!; }
        return types
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(T).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<Type> Sorted(IEnumerable<object> instances) =>
        instances.Select(i => i.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
}
