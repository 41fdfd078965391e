using System.Collections.ObjectModel;
using System.Reflection;

namespace SameSession.Surface.Model;

/// <summary>Reads raw CustomAttributeData (constructor and named arguments) without instantiating attributes.</summary>
internal static class AttributeData
{
    public static IEnumerable<CustomAttributeData> Attributes(this IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.Where(a => a.AttributeType.FullName == fullName);

    public static bool Has(this IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.Attributes(fullName).Any();

    public static T? Named<T>(this CustomAttributeData attribute, string name)
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.MemberName == name && arg.TypedValue.Value is T value) return value;
        }
        return default;
    }

    public static bool NamedFlag(this CustomAttributeData attribute, string name) => attribute.Named<bool>(name);

    public static int? NamedInt(this CustomAttributeData attribute, string name)
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.MemberName == name && arg.TypedValue.Value is int value) return value;
        }
        return null;
    }

    /// <summary>Flattens constructor arguments: a params array becomes its elements.</summary>
    public static IEnumerable<object?> ConstructorValues(this CustomAttributeData attribute) =>
        attribute.ConstructorArguments.SelectMany(Flatten);

    /// <summary>A named argument that may be a single value or an array (e.g. OutputType's ParameterSetName).</summary>
    public static IEnumerable<object?> NamedValues(this CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).SelectMany(a => Flatten(a.TypedValue));

    private static IEnumerable<object?> Flatten(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items
            ? items.Select(i => i.Value)
            : [argument.Value];
}
