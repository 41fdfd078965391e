using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat;

/// <summary>Checks that a resumed turn sent the model the earlier turn: the first prompt and the first reply.</summary>
internal static class ResumeAssertions
{
    /// <summary>Returns the message counts (first turn, resumed turn) the stand-in saw.</summary>
    public static (int First, int Resumed) AssertResumed(
        ModelStandIn standIn, ModelApi api, string firstPrompt, AgentTurn first, string secondPrompt, AgentTurn second)
    {
        var firstRequest = standIn.TurnRequest(api, firstPrompt, first.Run.StdOut);
        var resumed = standIn.TurnRequest(api, secondPrompt, second.Run.StdOut);
        Assert.Equal(ModelStandIn.ReplyFor(firstRequest.MessageCount), firstRequest.ReplyText);
        Assert.True(resumed.Mentions(firstPrompt), "the resumed request does not carry the first prompt");
        Assert.True(resumed.Mentions(firstRequest.ReplyText), "the resumed request does not carry the first reply");
        Assert.True(resumed.MessageCount > firstRequest.MessageCount,
            $"resumed turn sent {resumed.MessageCount} messages, first turn {firstRequest.MessageCount}");
        Assert.Contains(resumed.ReplyText, second.Run.StdOut, StringComparison.Ordinal);
        Console.WriteLine($"{first.Run.Agent}: first turn saw {firstRequest.MessageCount}, resumed turn saw {resumed.MessageCount}");
        return (firstRequest.MessageCount, resumed.MessageCount);
    }

    public static string Unique(string label) => $"{label} {Guid.NewGuid().ToString("N")[..8]}";
}
