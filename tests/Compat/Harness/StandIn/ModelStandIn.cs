using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>
/// A loopback stand-in for the model APIs the agent CLIs call. It records every request and answers each
/// conversation request with the text <c>saw N messages</c>, N being the number of messages it received: a resumed
/// session sends more messages than a fresh one, which proves its history survived.
/// </summary>
public sealed class ModelStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _sequence;

    private ModelStandIn(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>Base address without a path, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests.OrderBy(r => r.Sequence)];

    /// <summary>Conversation requests (ones answered with <c>saw N messages</c>) of one API, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Conversations(ModelApi api) =>
        [.. Requests.Where(r => r.Api == api && r.ReplyText.Length > 0)];

    /// <summary>
    /// The request that produced an agent's visible reply to <paramref name="prompt"/>: the last one of
    /// <paramref name="api"/> that carries the prompt and whose answer appears in <paramref name="agentOutput"/>
    /// (this skips side requests such as title generation).
    /// </summary>
    public RecordedRequest TurnRequest(ModelApi api, string prompt, string agentOutput) =>
        Conversations(api).LastOrDefault(r => r.Mentions(prompt) && agentOutput.Contains(r.ReplyText, StringComparison.Ordinal))
        ?? throw new InvalidOperationException(
            $"The stand-in got no {api} request carrying '{prompt}' whose reply is in the agent output. Requests: " +
            string.Join("; ", Requests.Select(r => $"{r.Method} {r.PathAndQuery} n={r.MessageCount}")));

    public static string ReplyFor(int messageCount) => $"saw {messageCount} messages";

    public static ModelStandIn Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return new ModelStandIn(FreePort()); }
            catch (HttpListenerException) when (attempt < 5) { } // the free port was taken in between; try another
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var pathAndQuery = request.Url?.PathAndQuery ?? "/";
            var path = request.Url?.AbsolutePath ?? "/";
            JsonNode? json = null;
            try { if (body.Length > 0) json = JsonNode.Parse(body); } catch (System.Text.Json.JsonException) { }

            var (api, count, reply) = Route(request.HttpMethod, path, json);
            var text = reply is null ? "" : ReplyFor(count);
            _requests.Enqueue(new RecordedRequest(
                Interlocked.Increment(ref _sequence), request.HttpMethod, pathAndQuery, api, body, count, text));
            await WriteAsync(response, reply?.Invoke(text) ?? Fallback(api, path, json));
        }
        catch (HttpListenerException) { } // the client hung up
        catch (IOException) { }
        finally
        {
            try { response.Close(); } catch (HttpListenerException) { } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>Which API a request speaks, how many messages it carries, and (for conversation calls) how to answer.</summary>
    private static (ModelApi Api, int Count, Func<string, Reply>? Reply) Route(string method, string path, JsonNode? json)
    {
        if (method == "GET" && path.EndsWith("/models", StringComparison.Ordinal)) return (ModelApi.Models, 0, null);
        if (method != "POST") return (ModelApi.Other, 0, null);
        if (path.EndsWith("/messages/count_tokens", StringComparison.Ordinal))
            return (ModelApi.AnthropicCountTokens, AnthropicMessages.CountMessages(json), null);
        if (path.EndsWith("/messages", StringComparison.Ordinal))
            return (ModelApi.AnthropicMessages, AnthropicMessages.CountMessages(json), t => AnthropicMessages.Answer(json, t));
        if (path.EndsWith("/responses", StringComparison.Ordinal))
            return (ModelApi.OpenAiResponses, OpenAiResponses.CountMessages(json), t => OpenAiResponses.Answer(json, t));
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
            return (ModelApi.OpenAiChatCompletions, OpenAiChatCompletions.CountMessages(json), t => OpenAiChatCompletions.Answer(json, t));
        if (path.Contains("/models/", StringComparison.Ordinal) && path.Contains(':', StringComparison.Ordinal))
            return GeminiGenerateContent.IsCountTokens(path)
                ? (ModelApi.Gemini, GeminiGenerateContent.CountMessages(json), null)
                : (ModelApi.Gemini, GeminiGenerateContent.CountMessages(json), t => GeminiGenerateContent.Answer(path, json, t));
        return (ModelApi.Other, 0, null);
    }

    private static Reply Fallback(ModelApi api, string path, JsonNode? json) => api switch
    {
        ModelApi.Models => new Reply.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = "mock-model", ["object"] = "model", ["owned_by"] = "standin" }),
            ["models"] = new JsonArray(new JsonObject { ["name"] = "models/mock-model", ["slug"] = "mock-model" }),
        }),
        ModelApi.AnthropicCountTokens => AnthropicMessages.CountTokens(json),
        ModelApi.Gemini when GeminiGenerateContent.IsCountTokens(path) => GeminiGenerateContent.CountTokens(json),
        _ => new Reply.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = $"stand-in does not serve {path}" } }, 404),
    };

    private static async Task WriteAsync(HttpListenerResponse response, Reply reply)
    {
        response.StatusCode = reply.Status;
        switch (reply)
        {
            case Reply.Json j:
                var bytes = Encoding.UTF8.GetBytes(j.Body.ToJsonString());
                response.ContentType = "application/json";
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
                break;
            case Reply.Stream s:
                response.ContentType = "text/event-stream";
                response.Headers["Cache-Control"] = "no-cache";
                response.SendChunked = true;
                await s.WriteEvents(new SseWriter(response.OutputStream));
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }
}
