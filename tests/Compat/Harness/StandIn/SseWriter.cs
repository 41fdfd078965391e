using System.Text;
using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>Writes server-sent events to a response stream, flushing each so clients see them as they come.</summary>
internal sealed class SseWriter(Stream output)
{
    public async Task EventAsync(string? name, JsonNode data)
    {
        var text = name is null ? $"data: {data.ToJsonString()}\n\n" : $"event: {name}\ndata: {data.ToJsonString()}\n\n";
        await WriteAsync(text);
    }

    public async Task RawDataAsync(string data) => await WriteAsync($"data: {data}\n\n");

    private async Task WriteAsync(string text)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(text));
        await output.FlushAsync();
    }
}
