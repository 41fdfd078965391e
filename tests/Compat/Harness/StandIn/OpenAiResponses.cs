using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>OpenAI Responses API (`POST /v1/responses`) as Codex streams it: every event carries a sequence_number.</summary>
internal static class OpenAiResponses
{
    /// <summary>Input items that are messages (Codex also sends reasoning/tool items; those are not messages).</summary>
    public static int CountMessages(JsonNode? body) => body?["input"] switch
    {
        JsonArray items => items.Count(i => i?["type"]?.GetValue<string>() is null or "message"),
        JsonValue => 1,
        _ => 0,
    };

    public static Reply Answer(JsonNode? body, string text)
    {
        var model = body?["model"]?.GetValue<string>() ?? "mock-model";
        var responseId = "resp_standin" + Guid.NewGuid().ToString("N")[..16];
        var itemId = "msg_standin" + Guid.NewGuid().ToString("N")[..16];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var inputTokens = 10 * Math.Max(1, CountMessages(body));

        JsonObject Part(string t) => new() { ["type"] = "output_text", ["text"] = t, ["annotations"] = new JsonArray() };
        JsonObject Item(string status, string t) => new()
        {
            ["id"] = itemId, ["type"] = "message", ["status"] = status, ["role"] = "assistant",
            ["content"] = status == "completed" ? new JsonArray(Part(t)) : new JsonArray(),
        };
        JsonObject Response(string status) => new()
        {
            ["id"] = responseId, ["object"] = "response", ["created_at"] = created, ["status"] = status, ["model"] = model,
            ["output"] = status == "completed" ? new JsonArray(Item("completed", text)) : new JsonArray(),
            ["usage"] = status == "completed"
                ? new JsonObject
                {
                    ["input_tokens"] = inputTokens, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                    ["output_tokens"] = 4, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                    ["total_tokens"] = inputTokens + 4,
                }
                : null,
        };

        if (body?["stream"]?.GetValue<bool>() != true) return new Reply.Json(Response("completed"));

        return new Reply.Stream(async sse =>
        {
            var seq = 0;
            async Task Send(string type, JsonObject data)
            {
                data["type"] = type;
                data["sequence_number"] = seq++;
                await sse.EventAsync(type, data);
            }
            JsonObject At(JsonObject o) { o["item_id"] = itemId; o["output_index"] = 0; o["content_index"] = 0; return o; }

            await Send("response.created", new JsonObject { ["response"] = Response("in_progress") });
            await Send("response.in_progress", new JsonObject { ["response"] = Response("in_progress") });
            await Send("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Item("in_progress", "") });
            await Send("response.content_part.added", At(new JsonObject { ["part"] = Part("") }));
            await Send("response.output_text.delta", At(new JsonObject { ["delta"] = text }));
            await Send("response.output_text.done", At(new JsonObject { ["text"] = text }));
            await Send("response.content_part.done", At(new JsonObject { ["part"] = Part(text) }));
            await Send("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Item("completed", text) });
            await Send("response.completed", new JsonObject { ["response"] = Response("completed") });
        });
    }
}
