using System.Text.Json;

namespace SameSession.Core.Capsules.Acpx;

/// <summary>
/// Pull-parses one JSON document from a stream with a buffer that only grows to the largest single value read
/// through <see cref="ReadValue"/>, so a huge array can be walked element by element.
/// </summary>
internal sealed class JsonTokenStream(Stream input, int initialBuffer = 64 * 1024)
{
    private const int MaxBuffer = 512 * 1024 * 1024;
    private byte[] _buffer = new byte[initialBuffer];
    private int _start, _end;
    private bool _final;
    private JsonReaderState _state;

    public JsonTokenType Token { get; private set; }

    /// <summary>The text of the last property name or string token.</summary>
    public string? Text { get; private set; }

    /// <summary>The last number token, when it fits an Int64.</summary>
    public long? Number { get; private set; }

    /// <summary>Moves to the next token; false at the end of the input.</summary>
    public bool Next()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                Token = reader.TokenType;
                Text = Token is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Number = Token == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
                Consume(ref reader);
                return true;
            }
            if (_final) return false;
            Fill();
        }
    }

    /// <summary>Reads the next whole value (object, array or primitive); null when the next token ends an array instead.</summary>
    public JsonElement? ReadValueOrEndArray()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Token = JsonTokenType.EndArray;
                    Consume(ref reader);
                    return null;
                }
                var probe = reader;
                if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || probe.TrySkip())
                {
                    // The reader is on the value's first token, so ParseValue takes exactly this value.
                    using var doc = JsonDocument.ParseValue(ref reader);
                    Consume(ref reader);
                    return doc.RootElement.Clone();
                }
            }
            if (_final) throw new JsonException("The JSON ends inside a value.");
            Fill();
        }
    }

    public JsonElement ReadValue() => ReadValueOrEndArray() ?? throw new JsonException("Expected a value, found ']'.");

    private void Consume(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBuffer) throw new JsonException($"A single JSON value is larger than {MaxBuffer} bytes.");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = input.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _final = true;
        _end += n;
    }
}
