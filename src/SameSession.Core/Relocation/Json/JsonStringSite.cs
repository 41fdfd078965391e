namespace SameSession.Core.Relocation.Json;

/// <summary>What a rule decides for one JSON string that mentions a mapped root.</summary>
public enum JsonStringRewrite
{
    /// <summary>Leave the string byte for byte.</summary>
    Keep,

    /// <summary>The whole string is a path: map it when it is at or under a source root.</summary>
    Path,

    /// <summary>Free text: replace every whole path under a source root inside it.</summary>
    Text,
}

/// <summary>
/// A JSON string (a value or a property name) that mentions a mapped root, with where it sits in its line:
/// <see cref="Path"/> joins property names with '.' and array levels with "[]" (e.g. "message.content[].input.command").
/// For a property name, Path is the path of the object that holds it.
/// </summary>
public sealed class JsonStringSite
{
    internal JsonStringSite(string path, bool isPropertyName, Func<string> value, string?[] types)
    {
        Path = path;
        IsPropertyName = isPropertyName;
        _value = new Lazy<string>(value);
        _types = types;
    }

    private readonly string?[] _types;
    private readonly Lazy<string> _value;

    public string Path { get; }
    public bool IsPropertyName { get; }
    /// <summary>The decoded string (decoded on first use: most sites are decided by their path alone).</summary>
    public string Value
    {
        get
        {
            ValueRead = true;
            return _value.Value;
        }
    }

    /// <summary>Whether the rule looked at the value (its decision then holds for this string only).</summary>
    internal bool ValueRead { get; private set; }

    /// <summary>The "type" member of the line's top-level object (Claude and Codex discriminate lines by it).</summary>
    public string? LineType => _types.Length > 0 ? _types[0] : null;

    /// <summary>The "type" member of the innermost object that contains this string.</summary>
    public string? ParentType => _types.Length > 0 ? _types[^1] : null;

    /// <summary>The "type" member of the object at nesting <paramref name="depth"/> (0 = the line's object), if any.</summary>
    public string? TypeAt(int depth) => depth < _types.Length ? _types[depth] : null;

    /// <summary>True when any enclosing object has the given "type" (e.g. "thinking").</summary>
    public bool IsInsideType(string type) => Array.IndexOf(_types, type) >= 0;
}

/// <summary>Decides, per provider and mode, which strings are paths, which are text, and which stay untouched.</summary>
public delegate JsonStringRewrite JsonRewriteRule(JsonStringSite site);
