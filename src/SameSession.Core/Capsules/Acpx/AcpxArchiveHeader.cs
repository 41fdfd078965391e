using System.Text.Json;

namespace SameSession.Core.Capsules.Acpx;

/// <summary>
/// Everything in an acpx `sessions export` archive (format_version 1, acpx ≥ 0.10.0) except its history, which is
/// streamed. Field names follow the archive's snake_case keys; times are kept as the strings acpx wrote. acpx 0.19.1
/// writes cwd_original (= cwd_relative) and agent_name and no cwd_absolute_original (PR #321 wrote the absolute one),
/// so both are optional.
/// </summary>
public sealed record AcpxArchiveHeader(
    string ExportedAt,
    string ExportedBy,
    string RecordId,
    string? Name,
    string Agent,
    string CwdRelative,
    string? CwdAbsoluteOriginal,
    string CreatedAt,
    string UpdatedAt,
    JsonElement State,
    string? AgentName = null,
    string? CwdOriginal = null)
{
    public const int FormatVersion = 1;
}
