using System.Diagnostics;
using System.Globalization;
using SameSession.Bench.Move;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Providers;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Json;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

// generate <home> <sessions> <bytes per session> <old root>   writes ~/.claude/projects/... under <home>
// move <home> <old root> <new root> [--rewrite-content]         rebinds every session under <old root> (journal, fsync)
// (move and rewrite print: sessions, wall seconds, CPU seconds of all threads)
if (args.Length >= 5 && args[0] == "generate")
{
    SyntheticClaudeHome.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
    return 0;
}
if (args.Length >= 4 && args[0] == "move")
{
    var env = new AgentEnvironment(args[1]);
    var observer = new RecordingObserver();
    var sessions = ProviderRegistry.Find(AgentProvider.ClaudeCode)!.Discover(new DiscoveryContext(env, observer)).ToList();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var results = new MoveOperation(env, observer, new JournalStore(Path.Combine(args[1], ".state", "journal")))
        .Run(new MoveRequest { Sessions = sessions, Map = PathMap.Of(args[2], args[3]), Create = true, RewriteContent = args.Contains("--rewrite-content") });
    clock.Stop();
    var failed = results.Where(r => r.Status != MoveStatus.Moved).ToList();
    foreach (var f in failed.Take(3)) Console.Error.WriteLine($"{f.Id}: {f.Status} {f.Error?.Message ?? f.Reason}");
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Count - failed.Count} {clock.Elapsed.TotalSeconds:0.000} {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.000}"));
    return failed.Count == 0 ? 0 : 1;
}
// rewrite <home> <old root> <new root>: the rewrite engine alone, in place like sed -i (new file + rename, no journal, no fsync)
if (args.Length >= 4 && args[0] == "rewrite")
{
    var map = PathMap.Of(args[2], args[3]);
    var rule = ClaudeRewriteRules.Transcript(content: false);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var files = Directory.EnumerateFiles(Path.Combine(args[1], ".claude", "projects"), "*.jsonl", SearchOption.AllDirectories).ToList();
    foreach (var f in files)
    {
        using (var output = new FileStream(f + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            JsonlRewriter.RewriteFile(f, output, new JsonLineRewriter(map, rule));
        File.Move(f + ".tmp", f, overwrite: true);
    }
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} {clock.Elapsed.TotalSeconds:0.000} {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.000}"));
    return 0;
}
Console.Error.WriteLine("usage: generate <home> <sessions> <bytes> <old root> | rewrite <home> <old> <new> | move <home> <old root> <new root> [--rewrite-content]");
return 2;
