using System.Text.Json;

namespace SameSession.Core.Capsules.Acpx;

/// <summary>
/// Everything in an acpx `sessions export` archive (format_version 1, acpx ≥ 0.10.0) except its history, which is
/// streamed. Field names follow the archive's snake_case keys; times are kept as the strings acpx wrote.
/// </summary>
public sealed record AcpxArchiveHeader(
    string ExportedAt,
    string ExportedBy,
    string RecordId,
    string? Name,
    string Agent,
    string CwdRelative,
    string CwdAbsoluteOriginal,
    string CreatedAt,
    string UpdatedAt,
    JsonElement State)
{
    public const int FormatVersion = 1;
}
