using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// Writes a session list as JSON: byte-for-byte what the serializer with <see cref="CliJson.Context"/> writes (a unit
/// test holds them equal), without the serializer's metadata set-up, which costs a short-lived `samesession list` about a
/// quarter of its run time. The layout (two-space indent, property names, trimmed ISO dates) is written directly into
/// one buffer; a text that holds anything but printable ASCII other than quote and backslash is checked by the encoder,
/// and any text it would escape goes through <see cref="Utf8JsonWriter"/> itself, so escaping is always exactly the writer's.
/// </summary>
internal static class SessionListJson
{
    private static readonly JsonWriterOptions EscapingOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Bytes the relaxed encoder never escapes: printable ASCII without the quote and the backslash.</summary>
    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create(PlainAsciiBytes());

    public static void Write(Stream output, IReadOnlyList<AgentSession> sessions)
    {
        if (sessions.Count == 0)
        {
            output.Write("[]"u8);
            return;
        }
        var split = sessions.Count / 2;
        var tail = SecondHalf<List<ArraySegment<byte>>>.Start(sessions.Count, () =>
        {
            using var t = new JsonListWriter(null);
            WriteRange(t, sessions, split, sessions.Count);
            return t.TakeChunks();
        });
        using (var w = new JsonListWriter(output))
        {
            w.Raw("["u8);
            WriteRange(w, sessions, 0, tail is null ? sessions.Count : split);
            w.Flush();
        }
        if (tail is not null) JsonListWriter.WriteChunks(output, tail.Result());
        using (var w = new JsonListWriter(output))
        {
            w.NewLine(0);
            w.Raw("]"u8);
            w.Flush();
        }
    }

    /// <summary>Sessions [from, to), each after a comma unless it is the first of the list.</summary>
    private static void WriteRange(JsonListWriter w, IReadOnlyList<AgentSession> sessions, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (i > 0) w.Raw(","u8);
            SessionPrefetch.Ahead(sessions, i);
            WriteSession(w, sessions[i]);
        }
    }

    private static void WriteSession(JsonListWriter w, AgentSession s)
    {
        w.NewLine(2);
        w.Raw("{"u8);
        w.Name("provider"u8, first: true);
        w.Text(ProviderName(s.Provider));
        w.Name("id"u8);
        w.Text(s.Id);
        w.Name("title"u8);
        w.Text(s.Title);
        w.Name("directory"u8);
        w.Text(s.Directory);
        w.Name("projectRoot"u8);
        w.Text(s.ProjectRoot);
        w.Name("projectId"u8);
        w.Text(s.ProjectId);
        w.Name("gitBranch"u8);
        w.Text(s.GitBranch);
        w.Name("created"u8);
        w.Date(s.Created);
        w.Name("updated"u8);
        w.Date(s.Updated);
        w.Name("messageCount"u8);
        w.Number(s.MessageCount);
        w.Name("sizeBytes"u8);
        w.Number(s.SizeBytes);
        w.Name("providerVersion"u8);
        w.Text(s.ProviderVersion);
        w.Name("isOrphaned"u8);
        w.Boolean(s.IsOrphaned);
        w.Name("isLive"u8);
        w.Boolean(s.IsLive);
        w.Name("isArchived"u8);
        w.Boolean(s.IsArchived);
        w.Name("note"u8);
        w.Text(s.Note);
        w.Name("firstPrompt"u8);
        w.Text(s.FirstPrompt);
        w.Name("files"u8);
        if (s.Files.Count == 0)
        {
            w.Raw("[]"u8);
        }
        else
        {
            w.Raw("["u8);
            for (var i = 0; i < s.Files.Count; i++)
            {
                if (i > 0) w.Raw(","u8);
                w.NewLine(6);
                w.Text(s.Files[i]);
            }
            w.NewLine(4);
            w.Raw("]"u8);
        }
        w.Name("home"u8);
        w.Text(s.Home);
        w.Name("shortId"u8);
        w.Text(s.ShortId);
        w.Name("key"u8);
        w.Text(s.Key);
        w.NewLine(2);
        w.Raw("}"u8);
    }

    /// <summary>The enum names as the string-enum converter writes them, without formatting the enum each time.</summary>
    private static string ProviderName(AgentProvider provider) => provider switch
    {
        AgentProvider.ClaudeCode => nameof(AgentProvider.ClaudeCode),
        AgentProvider.Codex => nameof(AgentProvider.Codex),
        AgentProvider.OpenCode => nameof(AgentProvider.OpenCode),
        AgentProvider.Acpx => nameof(AgentProvider.Acpx),
        AgentProvider.Gemini => nameof(AgentProvider.Gemini),
        _ => provider.ToString(),
    };

    private static byte[] PlainAsciiBytes()
    {
        var bytes = new List<byte>();
        for (var b = 0x20; b < 0x7F; b++)
            if (b is not '"' and not '\\') bytes.Add((byte)b);
        return [.. bytes];
    }

    /// <summary>One buffer handed to the stream whenever the next piece does not fit (grown only for a longer text); without a
    /// stream, the filled buffers are kept, in order, for <see cref="TakeChunks"/>.</summary>
    private sealed class JsonListWriter(Stream? output) : IDisposable
    {
        private List<ArraySegment<byte>>? _chunks = output is null ? [] : null;
        private const int BufferSize = 1 << 16; // below the large-object size
        private static readonly byte[] Eol = Encoding.UTF8.GetBytes(Environment.NewLine);
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        private int _length;
        private ArrayBufferWriter<byte>? _escaped;
        private Utf8JsonWriter? _escaper;

        public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Room(bytes.Length));

        public void NewLine(int indent)
        {
            var room = Room(Eol.Length + indent);
            Eol.CopyTo(room);
            room.Slice(Eol.Length, indent).Fill((byte)' ');
        }

        /// <summary>A property name (plain ASCII, never escaped) at the object's indent, after a comma unless it is the first.</summary>
        public void Name(ReadOnlySpan<byte> name, bool first = false)
        {
            if (!first) Raw(","u8);
            NewLine(4);
            var room = Room(name.Length + 4);
            room[0] = (byte)'"';
            name.CopyTo(room[1..]);
            room[name.Length + 1] = (byte)'"';
            room[name.Length + 2] = (byte)':';
            room[name.Length + 3] = (byte)' ';
        }

        public void Text(string? text)
        {
            if (text is null)
            {
                Raw("null"u8);
                return;
            }
            // Room for the quotes and the longest UTF-8 form; only what is written is kept.
            var room = Room(text.Length * 3 + 2);
            var status = Utf8.FromUtf16(text, room[1..^1], out _, out var written, replaceInvalidSequences: false);
            var utf8 = room.Slice(1, written);
            if (status == OperationStatus.Done && (utf8.IndexOfAnyExcept(PlainAscii) < 0
                || JavaScriptEncoder.UnsafeRelaxedJsonEscaping.FindFirstCharacterToEncodeUtf8(utf8) < 0))
            {
                room[0] = (byte)'"';
                room[written + 1] = (byte)'"';
                _length -= room.Length - (written + 2);
                return;
            }
            _length -= room.Length;
            Escaped(text);
        }

        /// <summary>A text the encoder escapes (or that is not valid UTF-16): written exactly as <see cref="Utf8JsonWriter"/> writes it.</summary>
        private void Escaped(string text)
        {
            _escaped ??= new ArrayBufferWriter<byte>();
            _escaped.Clear();
            if (_escaper is null) _escaper = new Utf8JsonWriter(_escaped, EscapingOptions);
            else _escaper.Reset(_escaped);
            _escaper.WriteStringValue(text);
            _escaper.Flush();
            Raw(_escaped.WrittenSpan);
        }

        /// <summary>ISO 8601 with the offset and the fraction's trailing zeros dropped, as <see cref="Utf8JsonWriter"/> writes a DateTimeOffset.</summary>
        public void Date(DateTimeOffset? value)
        {
            if (value is not { } v)
            {
                Raw("null"u8);
                return;
            }
            Span<byte> iso = stackalloc byte[64];
            if (!v.TryFormat(iso, out var n, "O", CultureInfo.InvariantCulture)) throw new FormatException("a date did not fit its buffer");
            // yyyy-MM-ddTHH:mm:ss.fffffff then the offset: keep the significant fraction digits, and the dot only with one.
            const int dot = 19;
            const int fractionEnd = dot + 8;
            var keep = fractionEnd;
            while (keep > dot + 1 && iso[keep - 1] == '0') keep--;
            if (keep == dot + 1) keep = dot;
            var room = Room(keep + (n - fractionEnd) + 2);
            room[0] = (byte)'"';
            iso[..keep].CopyTo(room[1..]);
            iso[fractionEnd..n].CopyTo(room[(keep + 1)..]);
            room[^1] = (byte)'"';
        }

        public void Number(long value)
        {
            var room = Room(20);
            value.TryFormat(room, out var n, default, CultureInfo.InvariantCulture);
            _length -= room.Length - n;
        }

        public void Boolean(bool value) => Raw(value ? "true"u8 : "false"u8);

        /// <summary>The next <paramref name="count"/> bytes of the buffer, counted as written.</summary>
        private Span<byte> Room(int count)
        {
            if (_length + count > _buffer.Length)
            {
                Flush();
                if (count > _buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = ArrayPool<byte>.Shared.Rent(count);
                }
            }
            var room = _buffer.AsSpan(_length, count);
            _length += count;
            return room;
        }

        public void Flush()
        {
            if (_length == 0) return;
            if (output is not null)
            {
                output.Write(_buffer, 0, _length);
            }
            else
            {
                _chunks!.Add(new ArraySegment<byte>(_buffer, 0, _length));
                _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            }
            _length = 0;
        }

        /// <summary>Everything written, as pooled buffers (see <see cref="WriteChunks"/>).</summary>
        public List<ArraySegment<byte>> TakeChunks()
        {
            Flush();
            var chunks = _chunks!;
            _chunks = [];
            return chunks;
        }

        /// <summary>Writes chunks taken from another writer and returns their buffers to the pool.</summary>
        public static void WriteChunks(Stream output, List<ArraySegment<byte>> chunks)
        {
            foreach (var c in chunks)
            {
                output.Write(c.Array!, c.Offset, c.Count);
                ArrayPool<byte>.Shared.Return(c.Array!);
            }
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _escaper?.Dispose();
        }
    }
}
