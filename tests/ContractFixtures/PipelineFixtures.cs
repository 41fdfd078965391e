using System.Management.Automation;

namespace SameSession.ContractFixtures.Commands;

/// <summary>The producer: writes FixtureWidget objects.</summary>
[Cmdlet(VerbsCommon.Get, "AgentSessionWidget")]
[OutputType(typeof(FixtureWidget))]
public sealed class GetAgentSessionWidgetCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [Alias("Colour")]
    [ValidateSet("Red", "Blue")]
    [ArgumentCompleter(typeof(FixtureCompleter))]
    public string[] Color { get; set; } = [];
}

/// <summary>Binds by value: InputObject takes FixtureWidget[] (element type counts); also by property name.</summary>
[Cmdlet(VerbsData.Update, "AgentSessionWidget", SupportsShouldProcess = true)]
[OutputType(typeof(FixtureWidget))]
public sealed class UpdateAgentSessionWidgetCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public FixtureWidget[] InputObject { get; set; } = [];
}

/// <summary>Binds by property name: -Colour (alias of Tint) and -Size match FixtureWidget.Color/Size; -Note is mandatory but not piped.</summary>
[Cmdlet(VerbsData.Save, "AgentSessionWidget", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class SaveAgentSessionWidgetCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Color")]
    public string Tint { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int Size { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    public string Note { get; set; } = "";
}

/// <summary>Cannot take a FixtureWidget: by value only FixtureGadget, by property name only -Label.</summary>
[Cmdlet(VerbsCommon.Set, "AgentSessionWidget", SupportsShouldProcess = true, DefaultParameterSetName = "Gadget", HelpUri = "https://example.invalid/set-widget")]
[OutputType(typeof(FixtureGadget), ParameterSetName = new[] { "Gadget", "Label" })]
public sealed class SetAgentSessionWidgetCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "Gadget", Mandatory = true, ValueFromPipeline = true)]
    public FixtureGadget? InputObject { get; set; }

    [Parameter(ParameterSetName = "Label", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string Label { get; set; } = "";
}

/// <summary>Completes nothing; only its presence on -Color matters.</summary>
public sealed class FixtureCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) => [];
}
