using System.Text.Json.Serialization;

namespace SameSession.Core.Errors;

/// <summary>The serialisable error object (the CLI's --json error output and batch failure reports).</summary>
public sealed record ErrorReport(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("exitCode")] int ExitCode)
{
    public static ErrorReport From(Exception ex)
    {
        var e = ex as SameSessionException;
        var id = e?.Error ?? Classify(ex);
        return new ErrorReport(id.Name, id.Category.ToString(), e?.Target, ex.Message, id.ExitCode);
    }

    /// <summary>Maps well-known BCL exceptions that escape Core onto stable ids.</summary>
    public static ErrorId Classify(Exception ex) => ex switch
    {
        SameSessionException s => s.Error,
        FileNotFoundException or DirectoryNotFoundException => ErrorIds.PathNotFound,
        UnauthorizedAccessException or IOException => ErrorIds.IoFailed,
        ArgumentException => ErrorIds.InvalidArgument,
        _ => ErrorIds.Internal,
    };
}
