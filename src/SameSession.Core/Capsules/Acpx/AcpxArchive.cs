using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SameSession.Core.Errors;

namespace SameSession.Core.Capsules.Acpx;

/// <summary>
/// Reads and writes acpx's session export archive (`acpx &lt;agent&gt; sessions export`, format_version 1):
/// <c>{format_version, exported_at, exported_by, session:{record_id, name, agent, cwd_relative,
/// cwd_absolute_original, created_at, updated_at, state}, history:[ACP JSON-RPC messages]}</c>, pretty-printed with two
/// spaces and a final newline, as acpx writes it. The history streams in both directions.
/// </summary>
public static class AcpxArchive
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes an archive; <paramref name="historyLines"/> are the stream segments' lines, oldest first (blank lines skipped).</summary>
    public static void Write(Stream output, AcpxArchiveHeader header, IEnumerable<string> historyLines)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(historyLines);
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("format_version", AcpxArchiveHeader.FormatVersion);
        w.WriteString("exported_at", header.ExportedAt);
        w.WriteString("exported_by", header.ExportedBy);
        w.WriteStartObject("session");
        w.WriteString("record_id", header.RecordId);
        w.WriteString("name", header.Name);
        w.WriteString("agent", header.Agent);
        if (header.AgentName is not null) w.WriteString("agent_name", header.AgentName);
        w.WriteString("cwd_relative", header.CwdRelative);
        if (header.CwdOriginal is not null) w.WriteString("cwd_original", header.CwdOriginal);
        if (header.CwdAbsoluteOriginal is not null) w.WriteString("cwd_absolute_original", header.CwdAbsoluteOriginal);
        w.WriteString("created_at", header.CreatedAt);
        w.WriteString("updated_at", header.UpdatedAt);
        w.WritePropertyName("state");
        header.State.WriteTo(w);
        w.WriteEndObject();
        w.WriteStartArray("history");
        var lineNumber = 0;
        foreach (var line in historyLines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var message = JsonDocument.Parse(line);
                message.RootElement.WriteTo(w);
            }
            catch (JsonException ex)
            {
                throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"Line {lineNumber} of the acpx event stream is not JSON ({ex.Message}); acpx itself cannot export this session either.");
            }
            if (w.BytesPending > 64 * 1024) w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Reads an archive, handing each history message to <paramref name="onHistory"/> as it is parsed. UnsupportedFormat
    /// for a format_version other than 1, CapsuleCorrupt for anything that is not a well-formed archive. Unknown keys are
    /// ignored, as acpx does.
    /// </summary>
    public static AcpxArchiveHeader Read(Stream input, Action<JsonElement> onHistory) => Read(input, onHistory, 64 * 1024);

    internal static AcpxArchiveHeader Read(Stream input, Action<JsonElement> onHistory, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(onHistory);
        var json = new JsonTokenStream(input, bufferSize);
        try
        {
            if (!json.Next() || json.Token != JsonTokenType.StartObject) throw Invalid("it is not a JSON object");
            long? version = null;
            string? exportedAt = null, exportedBy = null;
            JsonElement? session = null;
            var sawHistory = false;
            while (json.Next() && json.Token == JsonTokenType.PropertyName)
            {
                switch (json.Text)
                {
                    case "format_version":
                        var value = json.ReadValue();
                        version = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var v) ? v : -1;
                        if (version != AcpxArchiveHeader.FormatVersion) throw Unsupported(value.GetRawText());
                        break;
                    case "exported_at": exportedAt = StringValue(json.ReadValue(), "exported_at"); break;
                    case "exported_by": exportedBy = StringValue(json.ReadValue(), "exported_by"); break;
                    case "session": session = json.ReadValue(); break;
                    case "history":
                        if (version is null) throw Unsupported("missing");
                        if (!json.Next() || json.Token != JsonTokenType.StartArray) throw Invalid("history is not an array");
                        while (json.ReadValueOrEndArray() is { } message) onHistory(message);
                        sawHistory = true;
                        break;
                    default: json.ReadValue(); break;
                }
            }
            if (json.Token != JsonTokenType.EndObject) throw Invalid("it ends early");
            if (json.Next()) throw Invalid("data follows the archive object");
            if (version is null) throw Unsupported("missing");
            if (!sawHistory) throw Invalid("history is missing");
            return Header(session ?? throw Invalid("session is missing"),
                exportedAt ?? throw Invalid("exported_at is missing"), exportedBy ?? throw Invalid("exported_by is missing"));
        }
        catch (JsonException ex) { throw Invalid($"it is not valid JSON ({ex.Message})"); }
    }

    private static AcpxArchiveHeader Header(JsonElement s, string exportedAt, string exportedBy)
    {
        if (s.ValueKind != JsonValueKind.Object) throw Invalid("session is not an object");
        string Field(string name) => s.TryGetProperty(name, out var e) ? StringValue(e, "session." + name) : throw Invalid($"session.{name} is missing");
        string? Optional(string name) => s.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? StringValue(e, "session." + name) : null;
        var name = s.TryGetProperty("name", out var n) && n.ValueKind != JsonValueKind.Null ? StringValue(n, "session.name") : (s.TryGetProperty("name", out _) ? null : throw Invalid("session.name is missing"));
        if (!s.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.Object) throw Invalid("session.state is not a session record");
        return new AcpxArchiveHeader(exportedAt, exportedBy, Field("record_id"), name, Field("agent"), Field("cwd_relative"),
            Optional("cwd_absolute_original"), Field("created_at"), Field("updated_at"), state.Clone(), Optional("agent_name"), Optional("cwd_original"));
    }

    private static string StringValue(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Invalid($"{what} is not a string");

    private static SameSessionException Invalid(string why) =>
        new(ErrorIds.CapsuleCorrupt, $"The acpx session archive is invalid: {why}. Export it again with `acpx <agent> sessions export`.");

    private static SameSessionException Unsupported(string version) =>
        new(ErrorIds.UnsupportedFormat, $"The acpx session archive has format_version {version}; this build reads format_version {AcpxArchiveHeader.FormatVersion}.");

    /// <summary>acpx's cwd_relative: the path below <paramref name="home"/> in the OS's separators ("." for the home itself), else the absolute cwd.</summary>
    public static string CwdRelative(string cwd, string home)
    {
        var relative = Path.GetRelativePath(home, cwd);
        if (relative == ".") return ".";
        return relative.Length > 0 && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative) ? relative : cwd;
    }

    /// <summary>acpx's import rule: an absolute cwd_relative is kept, a relative one goes under <paramref name="home"/>.</summary>
    public static string ResolveCwd(string cwdRelative, string home, string? newCwd = null) =>
        newCwd is not null ? Path.GetFullPath(newCwd) : Path.IsPathRooted(cwdRelative) ? cwdRelative : Path.GetFullPath(Path.Combine(home, cwdRelative));

    /// <summary>The event stream files of a record, oldest first: .stream.&lt;max&gt;.ndjson … .stream.1.ndjson, then .stream.ndjson.</summary>
    public static IEnumerable<string> SegmentPaths(string sessionsDir, string recordId, int maxSegments)
    {
        var stem = Path.Combine(sessionsDir, EncodeUriComponent(recordId));
        for (var i = maxSegments; i >= 1; i--) yield return $"{stem}.stream.{i}.ndjson";
        yield return $"{stem}.stream.ndjson";
    }

    /// <summary>JavaScript's encodeURIComponent, which acpx uses for file names.</summary>
    public static string EncodeUriComponent(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
