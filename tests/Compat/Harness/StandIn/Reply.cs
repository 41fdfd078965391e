using System.Text.Json.Nodes;

namespace SameSession.Tests.Compat.Harness.StandIn;

/// <summary>What the stand-in answers: a plain JSON body, or a stream of server-sent events.</summary>
internal abstract record Reply(int Status)
{
    public sealed record Json(JsonNode Body, int StatusCode = 200) : Reply(StatusCode);

    public sealed record Stream(Func<SseWriter, Task> WriteEvents) : Reply(200);
}
