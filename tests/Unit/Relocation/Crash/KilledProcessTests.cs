using System.Diagnostics;
using SameSession.Core.Relocation.Journal;

namespace SameSession.Tests.Unit.Relocation.Crash;

/// <summary>
/// A child process runs a real move (slowed a little per action) and is SIGKILLed after a random delay; recovery
/// must then leave the session fully old or fully new, byte for byte (files and database rows).
/// </summary>
public sealed class KilledProcessTests : IDisposable
{
    private readonly TempDir _tmp = new("kill");
    private string lastOutput = "";

    public void Dispose() => _tmp.Dispose();

    private static string HostDll => Path.Combine(TestPaths.RepoRoot, "tests", "CrashHost", "bin", TestPaths.Configuration, "net10.0", "SameSession.CrashHost.dll");

    /// <summary>
    /// Kills at least <paramref name="runs"/> moves and goes on (up to three times as many) until
    /// <paramref name="minInterrupted"/> kills landed inside a transaction: on a loaded machine the timing drifts.
    /// </summary>
    private (int Kills, int Interrupted) KillRepeatedly(CrashWorld world, int runs, int minInterrupted, int delayMs, int seed)
    {
        var (old, @new, actions) = world.References(_tmp.Combine("ref-journal"));
        var random = new Random(seed);
        var interrupted = 0;
        lastOutput = "";
        var window = 0; // measured by run 0, which is not killed: from the transaction's lock to the host's exit
        var run = 0;
        for (; run <= runs || (interrupted < minInterrupted && run <= 3 * runs); run++)
        {
            world.Reset();
            var journal = _tmp.Combine($"journal-{run}");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "exec", HostDll, world.Home, journal, world.Provider.ToString(), world.Source, world.Destination, delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            // Start the clock when the transaction takes its lock (just before its first action), not at process start.
            var deadline = Stopwatch.StartNew();
            while (!p.HasExited && !(Directory.Exists(journal) && Directory.EnumerateFiles(journal).Any()) && deadline.ElapsedMilliseconds < 30_000) Thread.Sleep(1);
            var started = deadline.ElapsedMilliseconds;
            if (run == 0)
            {
                p.WaitForExit();
                window = (int)(deadline.ElapsedMilliseconds - started);
                Assert.True(window >= actions, $"the transaction took only {window} ms");
            }
            Thread.Sleep(random.Next(0, window));
            if (!p.HasExited) p.Kill();
            p.WaitForExit();
            lastOutput = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();

            var store = new JournalStore(journal);
            if (store.PendingIds().Any()) interrupted++;
            JournalRecovery.RecoverAll(store);
            var after = world.Snapshot();
            Assert.True(after == old || after == @new, $"kill #{run} left a mixed state:\n{after}");
            Assert.Empty(store.PendingIds());
        }
        return (run - 1, interrupted);
    }

    [Fact]
    public void Killed_claude_moves_recover_to_old_or_new()
    {
        var (kills, interrupted) = KillRepeatedly(CrashWorld.Claude(_tmp.Combine("home")), runs: 50, minInterrupted: 10, delayMs: 4, seed: 1);
        Assert.True(interrupted >= 10, $"only {interrupted} of {kills} kills landed inside a transaction; the host last said: {lastOutput}");
    }

    [Fact]
    public void Killed_codex_moves_recover_to_old_or_new()
    {
        var (kills, interrupted) = KillRepeatedly(CrashWorld.Codex(_tmp.Combine("home")), runs: 20, minInterrupted: 4, delayMs: 25, seed: 2);
        Assert.True(interrupted >= 4, $"only {interrupted} of {kills} kills landed inside a transaction; the host last said: {lastOutput}");
    }
}
