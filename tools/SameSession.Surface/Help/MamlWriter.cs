using System.Globalization;
using System.Xml.Linq;
using SameSession.Surface.Model;
using static SameSession.Surface.Help.MamlNames;

namespace SameSession.Surface.Help;

/// <summary>
/// Builds MAML (the XML Get-Help reads) from PlatyPS markdown plus the compiled metadata: syntax and parameter
/// attributes come from the metadata, prose (synopsis, descriptions, examples, notes, links) from the markdown.
/// </summary>
public static class MamlWriter
{
    private const int ExampleTitleWidth = 64;

    public static XDocument Document(CmdletSurface surface, IEnumerable<(CmdletInfo Cmdlet, HelpDocument Help)> pages) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                pages.Select(p => Command(surface, p.Cmdlet, p.Help))));

    public static XElement Command(CmdletSurface surface, CmdletInfo cmdlet, HelpDocument help)
    {
        var parameters = HelpExpectations.DocumentedParameters(cmdlet);
        return new XElement(MamlNames.Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "command", MamlNames.Command.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp.NamespaceName),
            new XElement(MamlNames.Command + "details",
                new XElement(MamlNames.Command + "name", cmdlet.Name),
                new XElement(MamlNames.Command + "verb", cmdlet.Verb),
                new XElement(MamlNames.Command + "noun", cmdlet.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(MamlNames.Command + "syntax",
                SetsInHelpOrder(cmdlet).Select(set => SyntaxItem(surface, cmdlet, help, set, parameters))),
            new XElement(MamlNames.Command + "parameters",
                parameters.Select(p => ParameterEntry(surface, cmdlet, help, p))),
            new XElement(MamlNames.Command + "inputTypes", help.Inputs.Select(i => TypeEntry("inputType", i))),
            new XElement(MamlNames.Command + "returnValues", help.Outputs.Select(o => TypeEntry("returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(MamlNames.Command + "examples", help.Examples.Select((e, i) => Example(e, i))),
            new XElement(MamlNames.Command + "relatedLinks", Links(help)));
    }

    /// <summary>The pipelineInput text Microsoft's shipped help uses, merged over every set of the parameter.</summary>
    public static string PipelineInput(ParameterInfo parameter) => new ParameterSetInfo
    {
        Name = "",
        Mandatory = false,
        Position = null,
        ValueFromPipeline = parameter.Sets.Any(s => s.ValueFromPipeline),
        ValueFromPipelineByPropertyName = parameter.Sets.Any(s => s.ValueFromPipelineByPropertyName),
        ValueFromRemainingArguments = false,
    }.PipelineInputText;

    /// <summary>"--------- Example 1: Title ---------", dashes padding the title to a fixed width.</summary>
    public static string ExampleTitle(string title)
    {
        var dashes = Math.Max(2, (ExampleTitleWidth - title.Length - 2) / 2);
        var pad = new string('-', dashes);
        return $"{pad} {title} {pad}";
    }

    private static IEnumerable<string> SetsInHelpOrder(CmdletInfo cmdlet) =>
        cmdlet.ParameterSetNames.OrderBy(s => string.Equals(s, cmdlet.EffectiveDefaultSet, StringComparison.OrdinalIgnoreCase) ? 0 : 1);

    private static XElement SyntaxItem(CmdletSurface surface, CmdletInfo cmdlet, HelpDocument help, string set, IReadOnlyList<ParameterInfo> parameters)
    {
        var members = parameters.Select(p => (Parameter: p, Settings: p.SettingsFor(set)))
            .Where(m => m.Settings is not null)
            .OrderBy(m => m.Settings!.Position is null ? 1 : 0).ThenBy(m => m.Settings!.Position ?? 0)
            .ThenBy(m => HelpExpectations.IsRiskParameter(m.Parameter.Name) ? 1 : 0)
            .ThenBy(m => m.Settings!.Mandatory ? 0 : 1);
        return new XElement(MamlNames.Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            members.Select(m => ParameterElement(surface, help, m.Parameter, m.Settings!.Mandatory, m.Settings.Position, m.Settings.PipelineInputText, withDefault: false)));
    }

    private static XElement ParameterEntry(CmdletSurface surface, CmdletInfo cmdlet, HelpDocument help, ParameterInfo parameter)
    {
        var sets = HelpExpectations.SetsOf(cmdlet, parameter).Select(s => parameter.SettingsFor(s)!).ToList();
        var positions = sets.Select(s => s.Position).Distinct().ToList();
        return ParameterElement(surface, help, parameter,
            required: sets.All(s => s.Mandatory),
            position: positions.Count == 1 ? positions[0] : null,
            pipelineInput: PipelineInput(parameter),
            withDefault: true);
    }

    private static XElement ParameterElement(CmdletSurface surface, HelpDocument help, ParameterInfo parameter, bool required, int? position, string pipelineInput, bool withDefault)
    {
        var section = help.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
        var typeName = parameter.TypeFullName;
        var element = new XElement(MamlNames.Command + "parameter",
            new XAttribute("required", Lower(required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(parameter.SupportsWildcards)),
            new XAttribute("pipelineInput", pipelineInput),
            new XAttribute("position", position?.ToString(CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(section?.Description ?? []));
        if (parameter.AcceptedValues.Count > 0)
        {
            element.Add(new XElement(MamlNames.Command + "parameterValueGroup",
                parameter.AcceptedValues.Select(v => new XElement(MamlNames.Command + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }
        if (!parameter.IsSwitch)
        {
            element.Add(new XElement(MamlNames.Command + "parameterValue",
                new XAttribute("required", "true"), new XAttribute("variableLength", "false"), typeName));
        }
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", typeName), new XElement(Maml + "uri")));
        if (withDefault)
        {
            var documented = section?.Blocks.Select(b => b.GetValueOrDefault("Default value")).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            element.Add(new XElement(Dev + "defaultValue", documented ?? (parameter.IsSwitch ? "False" : "None")));
        }
        return element;
    }

    private static XElement TypeEntry(string kind, HelpTypeEntry entry) =>
        new(MamlNames.Command + kind,
            new XElement(Dev + "type", new XElement(Maml + "name", entry.TypeName)),
            Description(entry.Description));

    private static XElement Example(HelpExample example, int index) =>
        new(MamlNames.Command + "example",
            new XElement(Maml + "title", ExampleTitle(example.Title.Length > 0 ? example.Title : $"Example {index + 1}")),
            new XElement(Dev + "code", example.PowerShellCode ?? ""),
            new XElement(Dev + "remarks", Paras(example.Remarks)));

    private static IEnumerable<XElement> Links(HelpDocument help)
    {
        var online = help.FrontMatter.GetValueOrDefault("online version");
        if (!string.IsNullOrWhiteSpace(online)) yield return Link("Online Version:", online);
        foreach (var link in help.RelatedLinks.Where(l => l.Text != "Online Version:"))
        {
            // Links to sibling pages (Move-AgentSession.md) name a command, not a URI; Get-Help shows the text.
            var uri = link.Uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? link.Uri : "";
            yield return Link(link.Text, uri);
        }
    }

    private static XElement Link(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Lower(bool value) => value ? "true" : "false";
}
