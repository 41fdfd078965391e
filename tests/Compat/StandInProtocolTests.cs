using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat;

/// <summary>The stand-in speaks each wire protocol in the shape the agent CLIs expect, and records every call.</summary>
public sealed class StandInProtocolTests : IAsyncLifetime
{
    private ModelStandIn _standIn = null!;
    private readonly HttpClient _http = new();

    public Task InitializeAsync()
    {
        _standIn = ModelStandIn.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _standIn.DisposeAsync();
    }

    private static JsonArray Messages(int n) =>
        new([.. Enumerable.Range(0, n).Select(i => (JsonNode)new JsonObject { ["role"] = i % 2 == 0 ? "user" : "assistant", ["content"] = $"m{i}" })]);

    private async Task<string> Post(string path, JsonNode body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_standIn.BaseUrl + path, content);
        Assert.True(response.IsSuccessStatusCode, $"{path} -> {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static List<(string? Event, string Data)> Sse(string text) =>
        [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            var ev = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?[7..];
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..];
            return (ev, data);
        })];

    [Fact]
    public async Task Anthropic_stream_sends_the_six_events_in_order_with_the_count()
    {
        var text = await Post("/v1/messages?beta=true", new JsonObject { ["model"] = "m", ["stream"] = true, ["messages"] = Messages(3) });
        var events = Sse(text);
        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Event));
        Assert.Equal("saw 3 messages", JsonNode.Parse(events[2].Data)!["delta"]!["text"]!.GetValue<string>());
        Assert.Equal("end_turn", JsonNode.Parse(events[4].Data)!["delta"]!["stop_reason"]!.GetValue<string>());
        var recorded = Assert.Single(_standIn.Requests);
        Assert.Equal((ModelApi.AnthropicMessages, 3, "/v1/messages?beta=true"), (recorded.Api, recorded.MessageCount, recorded.PathAndQuery));
    }

    [Fact]
    public async Task Anthropic_count_tokens_answers_input_tokens_and_is_not_a_conversation()
    {
        var json = JsonNode.Parse(await Post("/v1/messages/count_tokens", new JsonObject { ["messages"] = Messages(2) }))!;
        Assert.True(json["input_tokens"]!.GetValue<int>() > 0);
        Assert.Empty(_standIn.Conversations(ModelApi.AnthropicCountTokens));
    }

    [Fact]
    public async Task Responses_stream_numbers_every_event_and_completes_with_usage()
    {
        var input = new JsonArray(
            new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = "a" },
            new JsonObject { ["type"] = "reasoning", ["summary"] = new JsonArray() },
            new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = "b" });
        var events = Sse(await Post("/v1/responses", new JsonObject { ["model"] = "m", ["stream"] = true, ["input"] = input }));
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             "response.output_text.delta", "response.output_text.done", "response.content_part.done",
             "response.output_item.done", "response.completed"],
            events.Select(e => e.Event));
        Assert.Equal(Enumerable.Range(0, 9), events.Select(e => JsonNode.Parse(e.Data)!["sequence_number"]!.GetValue<int>()));
        var completed = JsonNode.Parse(events[^1].Data)!["response"]!;
        Assert.Equal("saw 2 messages", completed["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.True(completed["usage"]!["total_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Chat_completions_stream_ends_with_done_and_plain_json_when_not_streaming()
    {
        var events = Sse(await Post("/v1/chat/completions", new JsonObject { ["model"] = "m", ["stream"] = true, ["messages"] = Messages(5) }));
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Equal("saw 5 messages", string.Concat(chunks.Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>())));
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());

        var plain = JsonNode.Parse(await Post("/v1/chat/completions", new JsonObject { ["model"] = "m", ["messages"] = Messages(1) }))!;
        Assert.Equal("saw 1 messages", plain["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gemini_stream_and_unary_answer_with_the_contents_count()
    {
        var body = new JsonObject { ["contents"] = new JsonArray(new JsonObject { ["role"] = "user" }, new JsonObject { ["role"] = "model" }) };
        var streamed = Sse(await Post("/v1beta/models/mock-model:streamGenerateContent?alt=sse", body.DeepClone()));
        Assert.Equal("saw 2 messages", JsonNode.Parse(streamed.Single().Data)!["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        var unary = JsonNode.Parse(await Post("/v1beta/models/mock-model:generateContent", body.DeepClone()))!;
        Assert.Equal("STOP", unary["candidates"]![0]!["finishReason"]!.GetValue<string>());
        Assert.Equal(2, _standIn.Conversations(ModelApi.Gemini).Count);
    }

    [Fact]
    public async Task Models_lists_one_model_and_unknown_paths_are_404()
    {
        var models = await _http.GetFromJsonAsync<JsonNode>(_standIn.BaseUrl + "/v1/models");
        Assert.Equal("mock-model", models!["data"]![0]!["id"]!.GetValue<string>());
        using var content = new StringContent("{}");
        using var missing = await _http.PostAsync(_standIn.BaseUrl + "/v1/nothing", content);
        Assert.Equal(404, (int)missing.StatusCode);
    }
}
