namespace SameSession.Surface.Model;

/// <summary>What the rules and the help need to know about a type, copied out of the metadata context.</summary>
public sealed record TypeShape
{
    public const string SwitchParameterFullName = "System.Management.Automation.SwitchParameter";

    public required string FullName { get; init; }

    /// <summary>The name PlatyPS 0.14 writes in a parameter's "Type:" line (String[], SwitchParameter, AgentSession).</summary>
    public required string PlatyName { get; init; }

    /// <summary>The element type of an array or IEnumerable&lt;T&gt; (not string), else null.</summary>
    public string? ElementFullName { get; init; }

    /// <summary>Full names this type can be assigned to: itself, its base classes and its interfaces.</summary>
    public required IReadOnlySet<string> AssignableTo { get; init; }

    public required IReadOnlyList<PropertyShape> Properties { get; init; }
    public IReadOnlyList<string> EnumNames { get; init; } = [];
    public bool IsEnum => EnumNames.Count > 0;

    /// <summary>True when the type could not be found in the metadata (e.g. a string [OutputType] naming nothing).</summary>
    public bool IsUnresolved { get; init; }
}

public sealed record PropertyShape(string Name, string TypeFullName);
