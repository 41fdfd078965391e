using System.Reflection;

namespace SameSession.Surface.Model;

/// <summary>Collects <see cref="TypeShape"/>s while the metadata context is open.</summary>
internal sealed class TypeShapes
{
    private readonly Dictionary<string, TypeShape> _shapes = new(StringComparer.Ordinal);
    private readonly MetadataLoadContext _context;

    public TypeShapes(MetadataLoadContext context) => _context = context;

    public IReadOnlyDictionary<string, TypeShape> All => _shapes;

    /// <summary>Generic types print as PowerShell shows them (List`1[System.String]), others by full name.</summary>
    public static string NameOf(Type type) =>
        type.IsGenericType && !type.IsGenericTypeDefinition ? type.ToString() : type.FullName ?? type.Name;

    /// <summary>The type name PlatyPS 0.14 writes: Nullable`1 unwraps, generics keep their arguments, else the short name.</summary>
    public static string PlatyNameOf(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return type.GenericTypeArguments[0].Name;
        return type.IsGenericType ? type.ToString() : type.Name;
    }

    public TypeShape Add(Type type)
    {
        var name = NameOf(type);
        if (_shapes.TryGetValue(name, out var known)) return known;
        var element = ElementOf(type);
        if (element is not null) Add(element);
        var shape = new TypeShape
        {
            FullName = name,
            PlatyName = PlatyNameOf(type),
            ElementFullName = element is null ? null : NameOf(element),
            AssignableTo = AssignableTo(type),
            Properties = type.IsEnum || type.IsPrimitive ? [] : Properties(type),
            EnumNames = type.IsEnum ? type.GetEnumNames() : [],
        };
        _shapes[name] = shape;
        return shape;
    }

    /// <summary>An [OutputType("Name")] string: looked up among the loaded assemblies, else kept unresolved.</summary>
    public TypeShape AddByName(string typeName)
    {
        var found = _context.GetAssemblies().Prepend(_context.CoreAssembly).OfType<Assembly>()
            .Select(a => a.GetType(typeName, throwOnError: false, ignoreCase: false))
            .FirstOrDefault(t => t is not null);
        if (found is not null) return Add(found);
        var shape = new TypeShape
        {
            FullName = typeName,
            PlatyName = typeName.Split('.')[^1],
            AssignableTo = new HashSet<string>(StringComparer.Ordinal) { typeName },
            Properties = [],
            IsUnresolved = true,
        };
        _shapes.TryAdd(typeName, shape);
        return shape;
    }

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (type.FullName == "System.String") return null;
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Collections.Generic.IEnumerable`1"
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "System.Collections.Generic.IEnumerable`1");
        return enumerable?.GenericTypeArguments[0];
    }

    private static HashSet<string> AssignableTo(Type type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null; t = t.BaseType) names.Add(NameOf(t));
        foreach (var i in type.GetInterfaces()) names.Add(NameOf(i));
        return names;
    }

    private static List<PropertyShape> Properties(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Select(p => new PropertyShape(p.Name, NameOf(p.PropertyType)))];
}
