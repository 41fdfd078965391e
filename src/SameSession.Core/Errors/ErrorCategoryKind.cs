namespace SameSession.Core.Errors;

/// <summary>Mirrors System.Management.Automation.ErrorCategory by name, so Core needs no PowerShell reference.</summary>
public enum ErrorCategoryKind
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    ResourceBusy,
    PermissionDenied,
    SecurityError,
    ReadError,
    WriteError,
    NotImplemented,
    NotInstalled,
    OperationStopped,
}
