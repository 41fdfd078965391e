using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Agents;
using static SameSession.Tests.Compat.ResumeAssertions;

namespace SameSession.Tests.Compat;

/// <summary>
/// The rename-then-move story of <see cref="MoveCompatTests"/> for the two agents that find sessions by directory in
/// their own ways: Gemini CLI looks only in the project folder of its cwd; acpx keeps a record per cwd and resumes the
/// opencode session behind it. The real CLI, started in NEW, must continue with the earlier turns.
/// </summary>
public sealed class MoveCompatMoreAgentsTests
{
    [Fact]
    public async Task Gemini_session_moved_after_a_rename_resumes_from_the_new_folder_and_is_listed_there_not_in_the_old()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var gemini = h.Gemini(home);
        var oldDir = home.CreateDirectory("old gem ü");
        GitRepo.InitWithCommit(oldDir);
        var newDir = home.Combine("new gem");
        string p1 = Unique("first"), p2 = Unique("resumed");
        var first = gemini.NewSession(oldDir, p1);

        Directory.Move(oldDir, newDir);
        SameSessionCli.Run(newDir, [gemini], "move", newDir, "--id", first.SessionId);

        Assert.Contains(first.SessionId, Listed(gemini, newDir), StringComparison.Ordinal);
        Directory.CreateDirectory(oldDir);
        Assert.DoesNotContain(first.SessionId, Listed(gemini, oldDir), StringComparison.Ordinal);
        var resumed = gemini.ResumeSession(newDir, first.SessionId, p2);
        Assert.Equal(first.SessionId, resumed.SessionId);
        var (firstCount, resumedCount) = AssertResumed(h.StandIn, gemini.Api, p1, first, p2, resumed);
        Console.WriteLine($"gemini after move: first turn {firstCount} messages, resumed turn {resumedCount}");
    }

    [Fact]
    public async Task Acpx_session_and_its_opencode_session_moved_by_one_path_map_continue_from_the_new_folder()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var acpx = h.Acpx(home);
        var oldDir = home.CreateDirectory("old acpx");
        GitRepo.InitWithCommit(oldDir);
        var newDir = home.Combine("new acpx é");
        string p1 = Unique("first"), p2 = Unique("continued");
        var first = acpx.NewSession(oldDir, p1);
        AcpxCli.WaitForQueueOwners(home.Path, TimeSpan.FromSeconds(60)); // a live queue owner holds the session: a move would be refused

        Directory.Move(oldDir, newDir);
        var moved = SameSessionCli.Run(home.Path, [acpx], "move", "--map", $"{oldDir}={newDir}");
        Assert.Contains("2 moved", moved.StdOut, StringComparison.Ordinal); // the acpx record and the opencode session behind it

        var continued = acpx.ResumeSession(newDir, first.SessionId, p2);
        var (firstCount, continuedCount) = AssertResumed(h.StandIn, acpx.Api, p1, first, p2, continued);
        Console.WriteLine($"acpx after move: first turn {firstCount} messages, continued turn {continuedCount}");
        var shown = acpx.Run(newDir, "opencode", "sessions", "show").EnsureSuccess().StdOut;
        Assert.Contains(first.SessionId, shown, StringComparison.Ordinal);
    }

    private static string Listed(GeminiCli gemini, string cwd) =>
        gemini.Run(cwd, "--list-sessions").EnsureSuccess() is var r ? r.StdOut + r.StdErr : "";
}
