using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// The CLI's JSON: camelCase, enums as names, indented. Session lists (the largest output, thousands of entries) use
/// compile-time generated serializers, streamed as UTF-8 straight to stdout; other results use reflection.
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
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Writes <paramref name="value"/> and a newline to stdout.</summary>
    public static void WriteToStdout<T>(T value)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        using var buffered = new BufferedStream(stdout, 1 << 16);
        JsonSerializer.Serialize(buffered, value, Options);
        buffered.WriteByte((byte)'\n');
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<AgentSession>))]
[JsonSerializable(typeof(List<AgentSession>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
