using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// The CLI's JSON: camelCase, enums as names, indented, streamed as UTF-8 straight to stdout. Session lists (the
/// largest and most frequent output) are written by <see cref="SessionListJson"/>; other results by the serializer.
/// </summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes <paramref name="value"/> and a newline to stdout.</summary>
    public static void WriteToStdout<T>(T value)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        using var buffered = new BufferedStream(stdout, 1 << 16);
        if (value is IReadOnlyList<AgentSession> sessions) SessionListJson.Write(buffered, sessions);
        else JsonSerializer.Serialize(buffered, value, Options);
        buffered.WriteByte((byte)'\n');
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
