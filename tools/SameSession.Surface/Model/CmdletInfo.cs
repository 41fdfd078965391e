namespace SameSession.Surface.Model;

/// <summary>One compiled cmdlet class as its metadata declares it.</summary>
public sealed record CmdletInfo
{
    public required string Verb { get; init; }
    public required string Noun { get; init; }
    public string Name => $"{Verb}-{Noun}";

    public required string ClassFullName { get; init; }
    public required string ClassName { get; init; }
    public required string Namespace { get; init; }
    public required bool IsPublic { get; init; }
    public required bool IsSealed { get; init; }
    public required bool IsAbstract { get; init; }
    public required bool HasPublicParameterlessConstructor { get; init; }

    public required IReadOnlyList<OutputTypeInfo> OutputTypes { get; init; }
    public required bool SupportsShouldProcess { get; init; }

    /// <summary>The ConfirmImpact named argument, or null when the attribute does not set it (PowerShell's default is Medium).</summary>
    public required ConfirmImpactLevel? ConfirmImpact { get; init; }

    public required string? DefaultParameterSetName { get; init; }
    public required string? HelpUri { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public required IReadOnlyList<ParameterInfo> Parameters { get; init; }

    /// <summary>
    /// The parameter set names as PowerShell sees them: the explicitly named sets, or the single set
    /// (DefaultParameterSetName, else <see cref="ParameterSetInfo.AllSets"/>) when no parameter names a set.
    /// </summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.Name)
                .Where(n => n != ParameterSetInfo.AllSets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // With no named set, PowerShell names the single set after DefaultParameterSetName when one is given.
            return named.Count == 0 ? [DefaultParameterSetName ?? ParameterSetInfo.AllSets] : named;
        }
    }

    /// <summary>The set PowerShell picks when the arguments fit several: DefaultParameterSetName, else the only set.</summary>
    public string EffectiveDefaultSet =>
        DefaultParameterSetName ?? (ParameterSetNames.Count == 1 ? ParameterSetNames[0] : ParameterSetInfo.AllSets);

    /// <summary>The parameters that take part in the given set, each with its per-set settings.</summary>
    public IEnumerable<(ParameterInfo Parameter, ParameterSetInfo Settings)> ParametersIn(string setName)
    {
        foreach (var p in Parameters)
        {
            var settings = p.SettingsFor(setName);
            if (settings is not null) yield return (p, settings);
        }
    }
}

public enum ConfirmImpactLevel
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>One [OutputType] entry: a type and the sets it applies to (empty = every set).</summary>
public sealed record OutputTypeInfo(string TypeFullName, IReadOnlyList<string> ParameterSetNames);
