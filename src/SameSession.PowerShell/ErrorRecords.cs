using System.Management.Automation;
using SameSession.Core.Errors;

namespace SameSession.PowerShell;

/// <summary>Turns Core failures into ErrorRecords whose FullyQualifiedErrorId starts with the stable error id.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception ex, object? target = null)
    {
        var id = ErrorReport.Classify(ex);
        var category = Enum.TryParse<ErrorCategory>(id.Category.ToString(), out var c) ? c : ErrorCategory.NotSpecified;
        return new ErrorRecord(ex, id.Name, category, target ?? (ex as SameSessionException)?.Target);
    }
}
