using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Providers;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

// Usage: SameSession.CrashHost <home> <journal dir> <provider> <session directory> <destination> <delay ms per action>
// Sleeps before every journal action so that a kill after a random delay lands at varied points of the transaction.
if (args.Length != 6) return 2;
var env = new AgentEnvironment(args[0]);
var provider = Enum.Parse<AgentProvider>(args[2]);
var session = ProviderRegistry.Find(provider)!.Discover(new DiscoveryContext(env, new RecordingObserver()))
    .Single(s => s.Directory == args[3]);
var delay = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
var results = new MoveOperation(env, new RecordingObserver(), new JournalStore(args[1]), new Slow(delay))
    .Run(new MoveRequest { Sessions = [session], Destination = args[4], Create = true });
Console.Out.WriteLine(results[0].Status == MoveStatus.Moved ? "done" : $"failed: {results[0].Error?.Message}");
return 0;

internal sealed class Slow(int delayMs) : IFailureInjector
{
    public void BeforeStep(int index, string action) => Thread.Sleep(delayMs);
}
