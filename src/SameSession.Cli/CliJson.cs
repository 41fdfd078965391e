using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// The CLI's JSON: camelCase, enums as names, indented, streamed as UTF-8 straight to stdout, from the compile-time
/// contracts of <see cref="CliJsonContext"/>. Session lists (the largest and most frequent output) are written by
/// <see cref="SessionListJson"/>.
/// </summary>
internal static class CliJson
{
    /// <summary>The contracts with the relaxed encoder (non-ASCII paths and titles as they are), which the
    /// source-generation attribute cannot name.</summary>
    public static CliJsonContext Context => Contracts.Value;

    private static readonly Lazy<CliJsonContext> Contracts = new(() => new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }));

    /// <summary>Writes <paramref name="value"/> and a newline to stdout; the contracts are built only when a value
    /// other than a session list needs them.</summary>
    public static void WriteToStdout<T>(T value, Func<CliJsonContext, JsonTypeInfo<T>> contract)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        using var buffered = new BufferedStream(stdout, 1 << 16);
        if (value is IReadOnlyList<AgentSession> sessions) SessionListJson.Write(buffered, sessions);
        else JsonSerializer.Serialize(buffered, value, contract(Context));
        buffered.WriteByte((byte)'\n');
    }

    public static string Serialize<T>(T value, JsonTypeInfo<T> contract) => JsonSerializer.Serialize(value, contract);
}
