using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>OpenAI Chat Completions (`POST /v1/chat/completions`), streamed chunks ending in `data: [DONE]`.</summary>
internal static class OpenAiChatCompletions
{
    public static int CountMessages(JsonNode? body) => (body?["messages"] as JsonArray)?.Count ?? 0;

    public static Reply Answer(JsonNode? body, string text)
    {
        var model = body?["model"]?.GetValue<string>() ?? "mock-model";
        var id = "chatcmpl-standin" + Guid.NewGuid().ToString("N")[..16];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var promptTokens = 10 * Math.Max(1, CountMessages(body));
        JsonObject Usage() => new() { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = 4, ["total_tokens"] = promptTokens + 4 };

        if (body?["stream"]?.GetValue<bool>() != true)
            return new Reply.Json(new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = created, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                }),
                ["usage"] = Usage(),
            });

        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        return new Reply.Stream(async sse =>
        {
            await sse.EventAsync(null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
            await sse.EventAsync(null, Chunk(new JsonObject { ["content"] = text }, null));
            var last = Chunk(new JsonObject(), "stop");
            last["usage"] = Usage();
            await sse.EventAsync(null, last);
            await sse.RawDataAsync("[DONE]");
        });
    }
}
