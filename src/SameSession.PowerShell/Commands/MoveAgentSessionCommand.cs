using System.Collections;
using System.Management.Automation;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation;
using SameSession.Core.Sessions;
using SameSession.PowerShell.Completers;

namespace SameSession.PowerShell.Commands;

/// <summary>Move-AgentSession: rebinds sessions to another directory (or by a path map), each all-or-nothing.</summary>
[Cmdlet(VerbsCommon.Move, "AgentSession", SupportsShouldProcess = true, DefaultParameterSetName = DestinationSet)]
[OutputType(typeof(MoveResult))]
public sealed class MoveAgentSessionCommand : SameSessionCmdlet
{
    private const string DestinationSet = "Destination";
    private const string PathMapSet = "PathMap";
    private readonly List<AgentSession> _sessions = [];

    /// <summary>A session from Get-AgentSession.</summary>
    [Parameter(ValueFromPipeline = true)]
    public AgentSession? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public AgentProvider? Provider { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? Id { get; set; }

    /// <summary>The directory the sessions belong to from now on.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = DestinationSet)]
    public string Destination { get; set; } = "";

    /// <summary>Old root = new root pairs; sub-directories keep their place under the new root.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathMapSet)]
    public Hashtable PathMap { get; set; } = [];

    [Parameter]
    public SwitchParameter Create { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter RewriteContent { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() =>
        Try(() => _sessions.AddRange(SessionInput.Resolve(InputObject, Provider, Id, Environment, Observer)), InputObject ?? (object?)Id);

    protected override void EndProcessing() => Try(() =>
    {
        var request = new MoveRequest
        {
            Sessions = _sessions,
            Destination = ParameterSetName == DestinationSet ? ResolvePath(Destination) : null,
            Map = ParameterSetName == PathMapSet ? PathMapParser.FromPairs(PathMap.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>($"{e.Key}", $"{e.Value}")), ResolvePath) : null,
            Create = Create, Force = Force, RewriteContent = RewriteContent,
        };
        WriteResults(new MoveOperation(Environment, Observer).Run(request), PassThru);
    });
}
