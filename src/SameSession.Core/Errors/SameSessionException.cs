namespace SameSession.Core.Errors;

/// <summary>The one exception type Core throws for expected failures. Front ends map it to ErrorRecord / exit code.</summary>
public class SameSessionException : Exception
{
    public SameSessionException(ErrorId error, string message, string? target = null, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Target = target;
    }

    public ErrorId Error { get; }

    /// <summary>The file, session key or value the error is about.</summary>
    public string? Target { get; }

    public SameSessionException() : this(ErrorIds.Internal, "Unexpected error.") { }
    public SameSessionException(string message) : this(ErrorIds.Internal, message) { }
    public SameSessionException(string message, Exception inner) : this(ErrorIds.Internal, message, null, inner) { }
}
