using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>Google Gemini API: `models/{m}:generateContent`, `:streamGenerateContent?alt=sse` and `:countTokens`.</summary>
internal static class GeminiGenerateContent
{
    public static int CountMessages(JsonNode? body) => (body?["contents"] as JsonArray)?.Count ?? 0;

    public static bool IsCountTokens(string path) => path.Contains(":countTokens", StringComparison.Ordinal);

    public static Reply CountTokens(JsonNode? body) =>
        new Reply.Json(new JsonObject { ["totalTokens"] = 10 * Math.Max(1, CountMessages(body)) });

    public static Reply Answer(string path, JsonNode? body, string text)
    {
        var promptTokens = 10 * Math.Max(1, CountMessages(body));
        JsonObject Candidate() => new()
        {
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["content"] = new JsonObject
                {
                    ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }),
                },
                ["finishReason"] = "STOP", ["index"] = 0,
            }),
            ["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = promptTokens, ["candidatesTokenCount"] = 4, ["totalTokenCount"] = promptTokens + 4,
            },
            ["modelVersion"] = "mock-model",
        };
        if (!path.Contains(":streamGenerateContent", StringComparison.Ordinal)) return new Reply.Json(Candidate());
        return new Reply.Stream(async sse => await sse.EventAsync(null, Candidate()));
    }
}
