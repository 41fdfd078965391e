using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>Anthropic Messages API (`POST /v1/messages`, streamed as Claude Code expects, and count_tokens).</summary>
internal static class AnthropicMessages
{
    public static int CountMessages(JsonNode? body) => (body?["messages"] as JsonArray)?.Count ?? 0;

    public static Reply CountTokens(JsonNode? body) =>
        new Reply.Json(new JsonObject { ["input_tokens"] = 10 * Math.Max(1, CountMessages(body)) });

    public static Reply Answer(JsonNode? body, string text)
    {
        var model = body?["model"]?.GetValue<string>() ?? "mock-model";
        var id = "msg_standin" + Guid.NewGuid().ToString("N")[..16];
        var inputTokens = 10 * Math.Max(1, CountMessages(body));
        if (body?["stream"]?.GetValue<bool>() != true)
            return new Reply.Json(new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
                ["stop_reason"] = "end_turn", ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = 4 },
            });

        return new Reply.Stream(async sse =>
        {
            await sse.EventAsync("message_start", new JsonObject
            {
                ["type"] = "message_start",
                ["message"] = new JsonObject
                {
                    ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                    ["content"] = new JsonArray(), ["stop_reason"] = null, ["stop_sequence"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = 1 },
                },
            });
            await sse.EventAsync("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start", ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            });
            await sse.EventAsync("content_block_delta", new JsonObject
            {
                ["type"] = "content_block_delta", ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text },
            });
            await sse.EventAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
            await sse.EventAsync("message_delta", new JsonObject
            {
                ["type"] = "message_delta",
                ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
                ["usage"] = new JsonObject { ["output_tokens"] = 4 },
            });
            await sse.EventAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
        });
    }
}
