using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>The wire protocol a request to the stand-in spoke.</summary>
public enum ModelApi
{
    AnthropicMessages,
    AnthropicCountTokens,
    OpenAiResponses,
    OpenAiChatCompletions,
    Gemini,
    Models,
    Other,
}

/// <summary>One request the stand-in received, with the number of conversation messages it carried and its reply.</summary>
public sealed record RecordedRequest(
    int Sequence, string Method, string PathAndQuery, ModelApi Api, string Body, int MessageCount, string ReplyText)
{
    /// <summary>The parsed JSON body, or null when the body is empty or not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body)) return null;
            try { return JsonNode.Parse(Body); } catch (System.Text.Json.JsonException) { return null; }
        }
    }

    /// <summary>True when the request body contains <paramref name="text"/> anywhere (e.g. an earlier prompt).</summary>
    public bool Mentions(string text) => Body.Contains(text, StringComparison.Ordinal)
        || Body.Contains(JsonEscaped(text), StringComparison.Ordinal);

    private static string JsonEscaped(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
