using System.Collections;
using System.Management.Automation;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation;

namespace SameSession.PowerShell.Commands;

/// <summary>Move-AgentSession: rebinds sessions to another directory (or by a path map), each all-or-nothing.</summary>
[Cmdlet(VerbsCommon.Move, "AgentSession", SupportsShouldProcess = true, DefaultParameterSetName = DestinationSet)]
[OutputType(typeof(MoveResult))]
public sealed class MoveAgentSessionCommand : SessionBatchCmdlet
{
    private const string DestinationSet = "Destination";
    private const string PathMapSet = "PathMap";

    /// <summary>The directory the sessions belong to from now on.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DestinationSet)]
    public string Destination { get; set; } = "";

    /// <summary>Old root = new root pairs; sub-directories keep their place under the new root.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathMapSet)]
    public Hashtable PathMap { get; set; } = [];

    [Parameter]
    public SwitchParameter Create { get; set; }

    protected override void EndProcessing() => Try(() =>
    {
        var request = new MoveRequest
        {
            Sessions = Sessions,
            Destination = ParameterSetName == DestinationSet ? ResolvePath(Destination) : null,
            Map = ParameterSetName == PathMapSet ? PathMapParser.FromPairs(PathMap.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>($"{e.Key}", $"{e.Value}")), ResolvePath) : null,
            Create = Create, Force = Force, RewriteContent = RewriteContent,
        };
        WriteResults(new MoveOperation(Environment, Observer).Run(request), PassThru);
    });
}
