using System.Collections.ObjectModel;
using System.Reflection;

namespace SameSession.Core.Errors;

/// <summary>The catalogue of error ids. The README's error table is checked against this list by a test.</summary>
public static class ErrorIds
{
    public static readonly ErrorId Internal = new("InternalError", ErrorCategoryKind.NotSpecified, 1, "An unexpected failure; please report it with the message.");
    public static readonly ErrorId InvalidArgument = new("InvalidArgument", ErrorCategoryKind.InvalidArgument, 2, "A parameter or option is missing, malformed or contradicts another.");
    public static readonly ErrorId SessionNotFound = new("SessionNotFound", ErrorCategoryKind.ObjectNotFound, 3, "No session matches the given provider, id or filter.");
    public static readonly ErrorId SessionLocked = new("SessionLocked", ErrorCategoryKind.ResourceBusy, 4, "The agent is running this session; close it or use -Force / --force.");
    public static readonly ErrorId DestinationExists = new("DestinationExists", ErrorCategoryKind.ResourceExists, 5, "The target file, folder or session already exists; choose another or use -Force.");
    public static readonly ErrorId NoMatchingIdentity = new("NoMatchingIdentity", ErrorCategoryKind.SecurityError, 6, "None of the given identities can open this encrypted file.");
    public static readonly ErrorId CapsuleCorrupt = new("CapsuleCorrupt", ErrorCategoryKind.InvalidData, 7, "The capsule or encrypted file is malformed or truncated.");
    public static readonly ErrorId CapsuleTampered = new("CapsuleTampered", ErrorCategoryKind.SecurityError, 8, "An authentication tag or hash does not match: the data was changed.");
    public static readonly ErrorId UnsupportedFormat = new("UnsupportedFormat", ErrorCategoryKind.InvalidData, 9, "A file uses a format or version this build does not read.");
    public static readonly ErrorId IncompatibleVersion = new("IncompatibleVersion", ErrorCategoryKind.InvalidOperation, 10, "The installed agent version cannot use this session.");
    public static readonly ErrorId SecretFound = new("SecretFound", ErrorCategoryKind.SecurityError, 11, "A credential was found in the data; redact it or allow its fingerprint.");
    public static readonly ErrorId LeaseHeld = new("LeaseHeld", ErrorCategoryKind.ResourceBusy, 12, "Another machine holds the lease on this session.");
    public static readonly ErrorId GitFailed = new("GitFailed", ErrorCategoryKind.InvalidOperation, 13, "A git command failed; its message is included.");
    public static readonly ErrorId IoFailed = new("IoFailed", ErrorCategoryKind.WriteError, 14, "A file could not be read or written; nothing was changed.");
    public static readonly ErrorId PartialFailure = new("PartialFailure", ErrorCategoryKind.NotSpecified, 15, "A batch finished but some items failed; each failure was reported.");
    public static readonly ErrorId DependencyMissing = new("DependencyMissing", ErrorCategoryKind.NotInstalled, 16, "A required program (git, an agent CLI) is not on PATH.");
    public static readonly ErrorId PathNotFound = new("PathNotFound", ErrorCategoryKind.ObjectNotFound, 17, "A file or directory given as input does not exist.");
    public static readonly ErrorId InterruptedOperation = new("InterruptedOperation", ErrorCategoryKind.InvalidOperation, 18, "An earlier change was interrupted and could not be finished or undone automatically.");

    public static ReadOnlyCollection<ErrorId> All { get; } = typeof(ErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorId))
        .Select(f => (ErrorId)f.GetValue(null)!)
        .OrderBy(e => e.ExitCode)
        .ToList()
        .AsReadOnly();

    public static ErrorId? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}
