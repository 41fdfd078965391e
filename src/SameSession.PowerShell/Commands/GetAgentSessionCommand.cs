using System.Management.Automation;
using SameSession.Core.Sessions;
using SameSession.PowerShell.Completers;

namespace SameSession.PowerShell.Commands;

/// <summary>Get-AgentSession: lists the native sessions of every agent, filtered; newest first.</summary>
[Cmdlet(VerbsCommon.Get, "AgentSession")]
[OutputType(typeof(AgentSession))]
public sealed class GetAgentSessionCommand : SameSessionCmdlet
{
    /// <summary>Only these agents.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public AgentProvider[]? Provider { get; set; }

    /// <summary>Session ids; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Sessions whose recorded directory matches; wildcards, ~ and relative paths allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? FromDir { get; set; }

    /// <summary>With -FromDir, also sessions in subdirectories.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Sessions of a project: its root path or its id.</summary>
    [Parameter]
    public string? FromProject { get; set; }

    /// <summary>Text to find in the title or the first prompt (case-insensitive).</summary>
    [Parameter]
    public string? Search { get; set; }

    [Parameter]
    public DateTime? Since { get; set; }

    [Parameter]
    public DateTime? Before { get; set; }

    [Parameter]
    public SwitchParameter Orphaned { get; set; }

    [Parameter]
    public SwitchParameter Live { get; set; }

    /// <summary>Only the most recently updated session (or the -Count most recent).</summary>
    [Parameter]
    public SwitchParameter Latest { get; set; }

    /// <summary>How many of the most recently updated sessions to return.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    [Parameter]
    public SwitchParameter IncludeArchived { get; set; }

    /// <summary>Scan every session file instead of reusing SameSession's description cache.</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    protected override void ProcessRecord()
    {
        var query = new SessionQuery
        {
            Providers = Provider ?? [],
            Ids = Id ?? [],
            FromDirs = FromDir ?? [],
            Recurse = Recurse,
            FromProject = FromProject,
            Search = Search,
            Since = ToOffset(Since),
            Before = ToOffset(Before),
            Orphaned = Orphaned,
            Live = Live,
            Latest = Count > 0 ? Count : Latest ? 1 : 0,
            IncludeArchived = IncludeArchived,
            NoCache = NoCache,
            CurrentDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
        };
        Try(() =>
        {
            foreach (var s in new SessionCatalog(Environment).Find(query, Observer)) WriteObject(s);
        });
    }

    private static DateTimeOffset? ToOffset(DateTime? t) => t is { } v ? new DateTimeOffset(v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Local) : v) : null;
}
