using System.Xml.Linq;
using SameSession.Core.Errors;
using SameSession.Surface.Help;
using SameSession.Surface.Model;

namespace SameSession.Tests.Unit.Surface;

/// <summary>The MAML and about topic generated from docs/help agree with the markdown and the metadata.</summary>
public class HelpBuilderTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly string[] ShippedPipelineInput = ["False", "True (ByValue)", "True (ByPropertyName)", "True (ByPropertyName, ByValue)"];

    [Fact]
    public void Maml_for_the_module_matches_every_page()
    {
        using var temp = new TempDir("maml");
        var written = HelpBuilder.Build(Surfaces.HelpFolder, Surfaces.Module, temp.Path);
        var mamlPath = temp.Combine("SameSession.PowerShell.dll-Help.xml");
        Assert.Contains(mamlPath, written);
        var bytes = File.ReadAllBytes(mamlPath);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var xml = XDocument.Load(mamlPath);
        Assert.Equal("helpItems", xml.Root!.Name.LocalName);

        var commands = xml.Root.Elements(Command + "command").ToList();
        Assert.Equal(Surfaces.Module.Cmdlets.Select(c => c.Name), commands.Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value));
        foreach (var cmdlet in Surfaces.Module.Cmdlets)
        {
            var doc = HelpMarkdownParser.ParseFile(Path.Combine(Surfaces.HelpFolder, cmdlet.Name + ".md"));
            var command = commands.Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == cmdlet.Name);
            AssertCommandMatches(cmdlet, doc, command);
        }
    }

    [Fact]
    public void About_topic_has_every_section_and_lists_every_cmdlet_with_its_synopsis()
    {
        using var temp = new TempDir("about");
        HelpBuilder.Build(Surfaces.HelpFolder, Surfaces.Module, temp.Path);
        var text = File.ReadAllText(temp.Combine("about_SameSession.help.txt"));
        Assert.StartsWith("TOPIC\n    about_SameSession\n", text, StringComparison.Ordinal);
        foreach (var section in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "CMDLETS", "PIPELINES", "ERROR IDS", "ENVIRONMENT VARIABLES" })
        {
            Assert.Contains("\n" + section + "\n", text, StringComparison.Ordinal);
        }
        foreach (var cmdlet in Surfaces.Module.Cmdlets)
        {
            var synopsis = HelpMarkdownParser.ParseFile(Path.Combine(Surfaces.HelpFolder, cmdlet.Name + ".md")).Synopsis[0];
            Assert.Contains($"    {cmdlet.Name}\n        {synopsis}\n", text, StringComparison.Ordinal);
        }
        Assert.Contains("        if (-not (Test-SameSession -Quiet))", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void About_page_lists_every_error_id_with_its_exit_code()
    {
        var about = File.ReadAllText(Path.Combine(Surfaces.HelpFolder, "about_SameSession.md"));
        foreach (var id in ErrorIds.All)
        {
            Assert.True(about.Contains($"- {id.Name} ({id.ExitCode}): ", StringComparison.Ordinal),
                $"docs/help/about_SameSession.md lacks the line '- {id.Name} ({id.ExitCode}): ...' under ## ERROR IDS; add it.");
        }
        Assert.Equal(ErrorIds.All.Count, about.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^- \w+ \(\d+\): ")));
    }

    [Fact]
    public void Multi_set_cmdlet_gets_a_syntax_item_per_set_default_first()
    {
        var cmdlet = Surfaces.Fixtures.Find("Set-AgentSessionWidget")!;
        var doc = HelpMarkdownParser.ParseFile(Path.Combine(Surfaces.TestData, "help", "Set-AgentSessionWidget.md"));
        var command = MamlWriter.Command(Surfaces.Fixtures, cmdlet, doc);
        AssertCommandMatches(cmdlet, doc, command);
        var items = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(["InputObject", "WhatIf", "Confirm"], items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal(["Label", "WhatIf", "Confirm"], items[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        var confirm = Parameters(command).Single(p => p.Element(Maml + "name")!.Value == "Confirm");
        Assert.Equal("cf", confirm.Attribute("aliases")!.Value);
        Assert.Null(confirm.Element(Command + "parameterValue"));
        Assert.Equal("System.Management.Automation.SwitchParameter", confirm.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        var inputObject = Parameters(command).Single(p => p.Element(Maml + "name")!.Value == "InputObject");
        Assert.Equal(("true", "True (ByValue)", "named"), (inputObject.Attribute("required")!.Value, inputObject.Attribute("pipelineInput")!.Value, inputObject.Attribute("position")!.Value));
        Assert.Equal("SameSession.ContractFixtures.FixtureGadget", inputObject.Element(Command + "parameterValue")!.Value);
        Assert.Equal(["Set-AgentSessionWidget -Label blue"], command.Descendants(Dev + "code").Select(c => c.Value));
        var online = command.Descendants(Maml + "navigationLink").First();
        Assert.Equal(("Online Version:", "https://example.invalid/set-widget"), (online.Element(Maml + "linkText")!.Value, online.Element(Maml + "uri")!.Value));
        Assert.Equal("--------------------- Example 1: By label ---------------------", command.Descendants(Maml + "title").Single().Value);
        Assert.Equal(["Sets a widget from a gadget or a label.", "Second paragraph of the description."],
            command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));
    }

    [Fact]
    public void Both_pipeline_kinds_use_the_shipped_text_and_accepted_values_become_a_value_group()
    {
        var update = Surfaces.Fixtures.Find("Update-AgentSessionWidget")!;
        Assert.Equal("True (ByPropertyName, ByValue)", MamlWriter.PipelineInput(update.Parameters.Single()));

        var cmdlet = Surfaces.Fixtures.Find("Get-AgentSessionWidget")!;
        var doc = HelpMarkdownParser.ParseFile(Path.Combine(Surfaces.TestData, "help", "Get-AgentSessionWidget.md"));
        var color = Parameters(MamlWriter.Command(Surfaces.Fixtures, cmdlet, doc)).Single();
        Assert.Equal(("true", "0", "Colour"), (color.Attribute("globbing")!.Value, color.Attribute("position")!.Value, color.Attribute("aliases")!.Value));
        Assert.Equal(["Red", "Blue"], color.Element(Command + "parameterValueGroup")!.Elements().Select(e => e.Value));
        Assert.Equal("System.String[]", color.Element(Command + "parameterValue")!.Value);
    }

    [Fact]
    public void A_cmdlet_without_a_page_stops_the_build_naming_the_page()
    {
        using var temp = new TempDir("nohelp");
        var error = Assert.Throws<FileNotFoundException>(() => HelpBuilder.Build(Path.Combine(Surfaces.TestData, "help"), Surfaces.Fixtures, temp.Path));
        Assert.Contains("has no help page", error.Message, StringComparison.Ordinal);
        Assert.Contains("Test-SameSession.md", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<XElement> Parameters(XElement command) =>
        command.Element(Command + "parameters")!.Elements(Command + "parameter");

    private static void AssertCommandMatches(CmdletInfo cmdlet, HelpDocument doc, XElement command)
    {
        var details = command.Element(Command + "details")!;
        Assert.Equal((cmdlet.Verb, cmdlet.Noun), (details.Element(Command + "verb")!.Value, details.Element(Command + "noun")!.Value));
        Assert.Equal(doc.Synopsis, details.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));
        Assert.Equal(cmdlet.ParameterSetNames.Count, command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").Count());

        var parameters = Parameters(command).ToList();
        Assert.Equal(doc.Parameters.Select(p => p.Name).Order(), parameters.Select(p => p.Element(Maml + "name")!.Value).Order());
        foreach (var section in doc.Parameters)
        {
            var element = parameters.Single(p => p.Element(Maml + "name")!.Value == section.Name);
            var paras = element.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value).ToList();
            Assert.NotEmpty(paras);
            Assert.Equal(section.Description, paras);
        }
        foreach (var p in command.Descendants(Command + "parameter"))
        {
            Assert.Contains(p.Attribute("pipelineInput")!.Value, ShippedPipelineInput);
        }
        foreach (var parameter in cmdlet.Parameters)
        {
            var element = parameters.Single(p => p.Element(Maml + "name")!.Value == parameter.Name);
            Assert.Equal(MamlWriter.PipelineInput(parameter), element.Attribute("pipelineInput")!.Value);
        }

        var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.Equal(doc.Examples.Select(e => e.PowerShellCode), examples.Select(e => e.Element(Dev + "code")!.Value));
        Assert.All(examples.Zip(doc.Examples), pair =>
        {
            var title = pair.First.Element(Maml + "title")!.Value;
            Assert.Matches("^-{2,} .+ -{2,}$", title);
            Assert.Contains(pair.Second.Title, title, StringComparison.Ordinal);
        });
        Assert.Equal(doc.Outputs.Select(o => o.TypeName), command.Descendants(Command + "returnValue").Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value));
        Assert.Equal(doc.RelatedLinks.Select(l => l.Text), command.Descendants(Maml + "linkText").Select(l => l.Value).Where(t => t != "Online Version:"));
    }
}
