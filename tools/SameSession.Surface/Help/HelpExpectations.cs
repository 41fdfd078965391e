using System.Text;
using SameSession.Surface.Model;

namespace SameSession.Surface.Help;

/// <summary>What a cmdlet's help must say about its parameters, derived from the compiled metadata.</summary>
public static class HelpExpectations
{
    public const string AllSetsText = "(All)";

    /// <summary>The parameters help documents: the compiled ones, plus WhatIf and Confirm when SupportsShouldProcess.</summary>
    public static IReadOnlyList<ParameterInfo> DocumentedParameters(CmdletInfo cmdlet)
    {
        var list = cmdlet.Parameters.ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            list.Add(RiskSwitch("WhatIf", "wi"));
            list.Add(RiskSwitch("Confirm", "cf"));
        }
        return list;
    }

    public static bool IsRiskParameter(string name) => name is "WhatIf" or "Confirm";

    public static string PlatyType(CmdletSurface surface, ParameterInfo parameter) =>
        surface.Type(parameter.TypeFullName)?.PlatyName ?? parameter.TypeFullName.Split('.')[^1];

    /// <summary>The sets a parameter is in, by name; every set of the cmdlet when it belongs to all of them.</summary>
    public static IReadOnlyList<string> SetsOf(CmdletInfo cmdlet, ParameterInfo parameter) =>
        parameter.InAllSets ? cmdlet.ParameterSetNames : [.. parameter.Sets.Select(s => s.Name)];

    public static bool InEverySet(CmdletInfo cmdlet, ParameterInfo parameter) =>
        parameter.InAllSets || cmdlet.ParameterSetNames.All(s => parameter.Sets.Any(p => string.Equals(p.Name, s, StringComparison.OrdinalIgnoreCase)));

    public static string PositionText(ParameterSetInfo settings) =>
        settings.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named";

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A PlatyPS 0.14 `### -Name` section for the parameter, ready to paste into the help page.</summary>
    public static string Section(CmdletSurface surface, CmdletInfo cmdlet, ParameterInfo parameter)
    {
        var sb = new StringBuilder();
        sb.Append("### -").Append(parameter.Name).Append("\n<what it does>\n\n");
        var groups = parameter.Sets.GroupBy(s => (s.Mandatory, s.Position, s.PipelineInputText)).ToList();
        foreach (var group in groups)
        {
            var sets = InEverySet(cmdlet, parameter) && groups.Count == 1 ? AllSetsText : string.Join(", ", group.Select(s => s.Name));
            sb.Append("```yaml\n")
                .Append("Type: ").Append(PlatyType(surface, parameter)).Append('\n')
                .Append("Parameter Sets: ").Append(sets).Append('\n')
                .Append("Aliases: ").Append(string.Join(", ", parameter.Aliases)).Append('\n');
            if (parameter.AcceptedValues.Count > 0) sb.Append("Accepted values: ").Append(string.Join(", ", parameter.AcceptedValues)).Append('\n');
            sb.Append('\n')
                .Append("Required: ").Append(Bool(group.Key.Mandatory)).Append('\n')
                .Append("Position: ").Append(PositionText(group.First())).Append('\n')
                .Append("Default value: ").Append(parameter.IsSwitch ? "False" : "None").Append('\n')
                .Append("Accept pipeline input: ").Append(group.Key.PipelineInputText).Append('\n')
                .Append("Accept wildcard characters: ").Append(Bool(parameter.SupportsWildcards)).Append('\n')
                .Append("```\n");
        }
        return sb.ToString();
    }

    private static ParameterInfo RiskSwitch(string name, string alias) => new()
    {
        Name = name,
        TypeFullName = TypeShape.SwitchParameterFullName,
        Aliases = [alias],
        SupportsWildcards = false,
        AcceptedValues = [],
        HasArgumentCompleter = false,
        HelpMessage = null,
        Sets =
        [
            new ParameterSetInfo
            {
                Name = ParameterSetInfo.AllSets, Mandatory = false, Position = null, ValueFromPipeline = false,
                ValueFromPipelineByPropertyName = false, ValueFromRemainingArguments = false,
            },
        ],
    };
}
