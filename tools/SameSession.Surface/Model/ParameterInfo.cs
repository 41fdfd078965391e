namespace SameSession.Surface.Model;

/// <summary>One cmdlet parameter: a public property or field with one [Parameter] per set it belongs to.</summary>
public sealed record ParameterInfo
{
    public required string Name { get; init; }
    public required string TypeFullName { get; init; }
    public bool IsSwitch => TypeFullName == TypeShape.SwitchParameterFullName;
    public required IReadOnlyList<string> Aliases { get; init; }
    public required bool SupportsWildcards { get; init; }

    /// <summary>[ValidateSet] values, else the enum's names when the type (or its element type) is an enum, else empty.</summary>
    public required IReadOnlyList<string> AcceptedValues { get; init; }

    public required bool HasArgumentCompleter { get; init; }
    public required string? HelpMessage { get; init; }
    public required IReadOnlyList<ParameterSetInfo> Sets { get; init; }

    /// <summary>True when a [Parameter] without a set name (or with __AllParameterSets) puts it in every set.</summary>
    public bool InAllSets => Sets.Any(s => s.Name == ParameterSetInfo.AllSets);

    public ParameterSetInfo? SettingsFor(string setName) =>
        Sets.FirstOrDefault(s => string.Equals(s.Name, setName, StringComparison.OrdinalIgnoreCase))
        ?? Sets.FirstOrDefault(s => s.Name == ParameterSetInfo.AllSets);

    public bool Answers(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The settings of one [Parameter] attribute.</summary>
public sealed record ParameterSetInfo
{
    public const string AllSets = "__AllParameterSets";

    public required string Name { get; init; }
    public required bool Mandatory { get; init; }

    /// <summary>The 0-based position, or null for a named-only parameter.</summary>
    public required int? Position { get; init; }

    public required bool ValueFromPipeline { get; init; }
    public required bool ValueFromPipelineByPropertyName { get; init; }
    public required bool ValueFromRemainingArguments { get; init; }

    /// <summary>The pipeline-input text PlatyPS and Microsoft's shipped help use.</summary>
    public string PipelineInputText => (ValueFromPipeline, ValueFromPipelineByPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
