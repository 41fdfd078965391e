using System.Text.Json;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>The slow path for lines not in compact form (hand-written or re-serialized with spaces): a real JSON read.</summary>
internal static class ClaudeSpacedLine
{
    public static ClaudeLineKind Classify(ReadOnlySpan<byte> line, out bool sidechain, out bool meta)
    {
        sidechain = meta = false;
        string? type = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                if (reader.ValueTextEquals("type"u8)) { reader.Read(); type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
                else if (reader.ValueTextEquals("isSidechain"u8)) { reader.Read(); sidechain = reader.TokenType == JsonTokenType.True; }
                else if (reader.ValueTextEquals("isMeta"u8)) { reader.Read(); meta = reader.TokenType == JsonTokenType.True; }
            }
        }
        catch (JsonException)
        {
            // A malformed line counts as nothing; the provider reports malformed lines it needs.
        }
        return ClaudeTranscriptScan.KindOf(type);
    }
}
