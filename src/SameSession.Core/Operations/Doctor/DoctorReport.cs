namespace SameSession.Core.Operations.Doctor;

/// <summary>What Test-SameSession / `samesession doctor` reports about this machine.</summary>
public sealed record DoctorReport
{
    public required string SameSessionVersion { get; init; }
    public required string DotNetRuntime { get; init; }
    public required string OperatingSystem { get; init; }
    public required string RuntimeIdentifier { get; init; }
    public string? GitVersion { get; init; }
    public string? AgePath { get; init; }
    public string? AgeVersion { get; init; }
    public string? SqliteVersion { get; init; }
    public required IReadOnlyList<AgentHomeStatus> Agents { get; init; }

    /// <summary>True when everything SameSession needs to move sessions is present (git and SQLite).</summary>
    public bool IsHealthy => GitVersion is not null && SqliteVersion is not null;
}

/// <summary>One agent's home and CLI on this machine.</summary>
public sealed record AgentHomeStatus
{
    public required string Provider { get; init; }
    public required string Home { get; init; }
    public required bool HomeExists { get; init; }

    /// <summary>The environment variable that overrides the home, if any, and whether it was set.</summary>
    public string? OverrideVariable { get; init; }
    public bool OverrideInEffect { get; init; }

    public string? CliPath { get; init; }
    public string? CliVersion { get; init; }
}
