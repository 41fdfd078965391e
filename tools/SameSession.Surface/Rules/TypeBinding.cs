using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

/// <summary>Whether a value of one type binds, without coercion, to a parameter of another (arrays bind element-wise).</summary>
public static class TypeBinding
{
    private static readonly HashSet<string> TakesAnything = new(StringComparer.Ordinal)
    {
        "System.Object", "System.Object[]", "System.Management.Automation.PSObject", "System.Management.Automation.PSObject[]",
    };

    public static bool Accepts(CmdletSurface surface, string parameterType, string valueType)
    {
        if (TakesAnything.Contains(parameterType)) return true;
        var targets = WithElement(surface, parameterType);
        return WithElement(surface, valueType).Any(v =>
            surface.Type(v)?.AssignableTo is { } assignable ? targets.Any(assignable.Contains) : targets.Contains(v));
    }

    private static List<string> WithElement(CmdletSurface surface, string typeName)
    {
        var names = new List<string> { typeName };
        if (surface.Type(typeName)?.ElementFullName is { } element) names.Add(element);
        return names;
    }
}
