using System.Text.Encodings.Web;
using System.Text.Json;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// Writes a session list as JSON with a plain <see cref="Utf8JsonWriter"/>: byte-for-byte what the serializer with
/// <see cref="CliJson.Context"/> writes (a unit test holds them equal), without the serializer's metadata set-up,
/// which costs a short-lived `samesession list` about a quarter of its run time.
/// </summary>
internal static class SessionListJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream output, IReadOnlyList<AgentSession> sessions)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartArray();
        foreach (var s in sessions)
        {
            WriteSession(w, s);
            // The writer buffers everything until flushed: hand it on in pieces so a long list never sits in one growing array.
            if (w.BytesPending > 1 << 16) w.Flush();
        }
        w.WriteEndArray();
    }

    private static void WriteSession(Utf8JsonWriter w, AgentSession s)
    {
        w.WriteStartObject();
        w.WriteString("provider", s.Provider.ToString());
        w.WriteString("id", s.Id);
        w.WriteString("title", s.Title);
        w.WriteString("directory", s.Directory);
        w.WriteString("projectRoot", s.ProjectRoot);
        w.WriteString("projectId", s.ProjectId);
        w.WriteString("gitBranch", s.GitBranch);
        Date(w, "created", s.Created);
        Date(w, "updated", s.Updated);
        w.WriteNumber("messageCount", s.MessageCount);
        w.WriteNumber("sizeBytes", s.SizeBytes);
        w.WriteString("providerVersion", s.ProviderVersion);
        w.WriteBoolean("isOrphaned", s.IsOrphaned);
        w.WriteBoolean("isLive", s.IsLive);
        w.WriteBoolean("isArchived", s.IsArchived);
        w.WriteString("note", s.Note);
        w.WriteString("firstPrompt", s.FirstPrompt);
        w.WriteStartArray("files");
        foreach (var f in s.Files) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteString("home", s.Home);
        w.WriteString("shortId", s.ShortId);
        w.WriteString("key", s.Key);
        w.WriteEndObject();
    }

    private static void Date(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v);
        else w.WriteNull(name);
    }
}
