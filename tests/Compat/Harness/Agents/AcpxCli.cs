using SameSession.Tests.Compat.Harness.StandIn;

namespace SameSession.Tests.Compat.Harness.Agents;

/// <summary>
/// acpx driving opencode over ACP (`acpx opencode ...`); opencode is found on PATH, so nothing is fetched by npx.
/// The queue owner (a background `opencode acp`) lives <see cref="QueueOwnerTtlSeconds"/> after each command:
/// long enough to serve the next prompt of a test (an opencode start is the slow part), short enough not to
/// outlive it (the harness waits for owners before deleting a home).
/// </summary>
public sealed class AcpxCli(AgentHome home, string standInUrl) : AgentCli("acpx", home, standInUrl)
{
    public const string QueueOwnerTtlSeconds = "8";

    public override ModelApi Api => ModelApi.OpenAiChatCompletions;

    protected override void WriteConfig() => OpencodeCli.WriteOpencodeConfig(Home, StandInUrl);

    protected override IEnumerable<KeyValuePair<string, string?>> AgentEnvironment() => OpencodeCli.OfflineEnvironment;

    /// <summary>Creates the acpx session for <paramref name="cwd"/> and sends the first prompt.</summary>
    public override AgentTurn NewSession(string cwd, string prompt)
    {
        var created = Run(cwd, "--approve-all", "--ttl", QueueOwnerTtlSeconds, "opencode", "sessions", "new").EnsureSuccess();
        var id = created.StdOut.Trim().Split('\n')[^1].Trim();
        var turn = Prompt(cwd, prompt);
        return turn with { SessionId = id };
    }

    /// <summary>acpx resumes the open session scoped to the cwd (walking up to the git root).</summary>
    public override AgentTurn ResumeSession(string cwd, string sessionId, string prompt) => Prompt(cwd, prompt) with { SessionId = sessionId };

    private AgentTurn Prompt(string cwd, string prompt)
    {
        for (var attempt = 1; ; attempt++)
        {
            var run = Run(cwd, "--approve-all", "--ttl", QueueOwnerTtlSeconds, "--format", "quiet", "opencode", prompt);
            // The previous prompt's queue owner may be exiting right now (short TTL); acpx then refuses once.
            if (!run.Succeeded && run.StdErr.Contains("QUEUE_OWNER_CLOSED", StringComparison.Ordinal) && attempt < 5)
            {
                WaitForQueueOwners(Home.Path, TimeSpan.FromSeconds(30));
                continue;
            }
            run.EnsureSuccess();
            return new AgentTurn("", run.StdOut.Trim(), run);
        }
    }

    /// <summary>Waits until no acpx queue owner holds a lease in this home (they remove their lock on exit).</summary>
    public static void WaitForQueueOwners(string home, TimeSpan limit)
    {
        var queues = Path.Combine(home, ".acpx", "queues");
        var deadline = DateTime.UtcNow + limit;
        while (Directory.Exists(queues) && Directory.EnumerateFiles(queues, "*.lock").Any())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"acpx queue owners still hold leases in {queues}");
            Thread.Sleep(250);
        }
    }
}
