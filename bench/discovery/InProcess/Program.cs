using System.Diagnostics;
using SameSession.Core.Operations;
using SameSession.Core.Sessions;

// Runs the session catalog in-process against HOME (no CLI, no JSON; --no-cache scans every file) and prints what it found and how long it took.
// The runner measures peak RSS around this process with /usr/bin/time.
var home = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("HOME")!;
if (args.Contains("--breakdown"))
{
    SameSession.Bench.Discovery.Breakdown.Run(home);
    return;
}
if (args.Contains("--listing"))
{
    SameSession.Bench.Discovery.Listing.Run(home);
    return;
}
if (args.Contains("--cache-load"))
{
    SameSession.Bench.Discovery.CacheLoad.Run(Path.Combine(home, ".cache", "samesession", "catalog-v2"));
    return;
}
var only = args.SkipWhile(a => a != "--provider").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(Enum.Parse<AgentProvider>).ToList();
var query = new SessionQuery { Providers = only, NoCache = args.Contains("--no-cache") };
if (args.Contains("--jitted"))
{
    // Steady state: a first Find compiles the code paths, the measured one runs them compiled (a long-lived pwsh session).
    // --repeat N runs it N times first (for a profiler's samples).
    var repeat = args.SkipWhile(a => a != "--repeat").Skip(1).Select(int.Parse).FirstOrDefault(1);
    for (var i = 0; i < repeat; i++) new SessionCatalog(new AgentEnvironment(home)).Find(query, new RecordingObserver());
}
// --runs N: measure N times and report the best wall and the least CPU (the machine is shared; the minimum is the steadiest figure).
// --exceptions: list the exceptions thrown (and caught) inside Find; each costs milliseconds in a fresh process.
// (and the assemblies Find loads: each load is start-up time of a fresh process).
if (args.Contains("--exceptions"))
{
    AppDomain.CurrentDomain.FirstChanceException += (_, e) => Console.Error.WriteLine($"first-chance {e.Exception.GetType().Name}: {e.Exception.Message}");
    AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Console.Error.WriteLine($"assembly load {e.LoadedAssembly.GetName().Name}");
}
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(1);
IReadOnlyList<AgentSession> sessions = [];
var observer = new RecordingObserver();
var (bestWall, leastCpu, findMb, findGcs, findGen2) = (double.MaxValue, double.MaxValue, 0.0, 0, 0);
for (var run = 0; run < runs; run++)
{
    observer = new RecordingObserver();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var (allocated, collections, gen2) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(2));
    // --no-gc: how much of Find is garbage collection (a region big enough for the whole run; experiment only).
    var noGc = args.Contains("--no-gc") && GC.TryStartNoGCRegion(200L << 20);
    var sw = Stopwatch.StartNew();
    sessions = new SessionCatalog(new AgentEnvironment(home)).Find(query, observer);
    sw.Stop();
    if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
    bestWall = Math.Min(bestWall, sw.Elapsed.TotalSeconds);
    leastCpu = Math.Min(leastCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    findMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
    findGcs = GC.CollectionCount(0) - collections;
    findGen2 = GC.CollectionCount(2) - gen2;
}
var perProvider = string.Join(", ", sessions.GroupBy(s => s.Provider).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
Console.WriteLine($"catalog: {sessions.Count} sessions ({perProvider}), {sessions.Sum(s => (long)s.MessageCount)} messages, " +
                  $"{sessions.Sum(s => s.SizeBytes) / (1024 * 1024)} MB of session files, {observer.Warnings.Count} warnings, " +
                  $"{bestWall:F3} s inside Find ({leastCpu:F3} cpu-s, {findMb:F0} MB allocated, {findGcs} GCs, {findGen2} of gen 2), {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} cpu-s in the process");
