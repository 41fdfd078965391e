using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SameSession.Bench.Capsule;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Infrastructure;

// Export and import of a session-shaped folder (JSONL transcripts) as a capsule, side by side with the stock
// pipeline `tar -cz | age -r` / `age -d | tar -xz`. Each side runs as its own process under /usr/bin/time -v, so
// wall time includes process start on both sides and peak memory is each process's maximum resident set.
// Ours also secret-scans every line, hashes every file twice (measure, then verify while packing) and verifies every
// hash on extraction; the stock pipeline does none of that.
if (args.Length > 0 && args[0] == "--role") return Roles.Run(args[1..]);

var mib = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128;
var age = ProcessRunner.FindOnPath("age") ?? throw new InvalidOperationException("age is not on PATH (apt-get install age).");
var tar = ProcessRunner.FindOnPath("tar") ?? throw new InvalidOperationException("tar is not on PATH.");
const string timeTool = "/usr/bin/time";
if (!File.Exists(timeTool)) throw new InvalidOperationException("/usr/bin/time is missing (apt-get install time).");
var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the benchmark's own executable");
var dir = Directory.CreateTempSubdirectory("ss-bench-capsule-").FullName;
try
{
    var home = Path.Combine(dir, "home");
    var files = SessionFixture.Write(home, mib);
    var identity = X25519Identity.Generate();
    var keyFile = Path.Combine(dir, "key.txt");
    File.WriteAllText(keyFile, identity + "\n");
    var recipient = identity.Recipient.ToString()!;
    Console.WriteLine($"payload {mib} MiB of JSONL in {files.Count} files; load average {File.ReadAllText("/proc/loadavg").Trim()}");

    Run oursOut = Run.None, stockOut = Run.None, oursIn = Run.None, stockIn = Run.None;
    for (var round = 0; round < 2; round++)
    {
        Clean(dir);
        oursOut = oursOut.Best(Measure(self, "--role", "export", home, $"{dir}/ours.capsule", recipient));
        stockOut = stockOut.Best(Measure("/bin/bash", "-o", "pipefail", "-c", $"'{tar}' -C '{home}' -czf - . | '{age}' -r {recipient} -o '{dir}/stock.age'"));
        oursIn = oursIn.Best(Measure(self, "--role", "import", $"{dir}/ours.capsule", keyFile, $"{dir}/stage"));
        Directory.CreateDirectory(Path.Combine(dir, "stock-out"));
        stockIn = stockIn.Best(Measure("/bin/bash", "-o", "pipefail", "-c", $"'{age}' -d -i '{keyFile}' '{dir}/stock.age' | '{tar}' -xzf - -C '{dir}/stock-out'"));
    }

    Print("export", "tar -cz | age -r", oursOut, stockOut);
    Print("import", "age -d | tar -xz", oursIn, stockIn);
    var size = new FileInfo(Path.Combine(dir, "ours.capsule")).Length;
    var stockSize = new FileInfo(Path.Combine(dir, "stock.age")).Length;
    Console.WriteLine($"size:    samesession {size / 1048576.0:F1} MiB | stock {stockSize / 1048576.0:F1} MiB");
    Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    return 0;
}
finally
{
    Directory.Delete(dir, recursive: true);
}

void Print(string what, string stockName, Run ours, Run stock) =>
    Console.WriteLine($"{what}:  samesession {ours.Seconds,7:F2} s (cpu {ours.CpuSeconds,6:F2} s) {ours.PeakMiB,6:F1} MiB peak | {stockName} {stock.Seconds,7:F2} s (cpu {stock.CpuSeconds,6:F2} s) {stock.PeakMiB,6:F1} MiB peak | time ratio {ours.Seconds / stock.Seconds:F2}x");

static Run Measure(string program, params string[] arguments)
{
    GC.Collect();
    var sw = Stopwatch.StartNew();
    var r = ProcessRunner.Run(timeTool, ["-v", program, .. arguments], timeout: TimeSpan.FromMinutes(10));
    var seconds = sw.Elapsed.TotalSeconds;
    if (!r.Succeeded) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {r.StdOut}{r.StdErr}");
    var kib = Regex.Match(r.StdErr, @"Maximum resident set size \(kbytes\): (\d+)");
    if (!kib.Success) throw new InvalidOperationException($"no peak memory in /usr/bin/time output: {r.StdErr}");
    var cpu = Regex.Matches(r.StdErr, @"(?:User|System) time \(seconds\): ([\d.]+)").Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    return new Run(seconds, cpu, long.Parse(kib.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0);
}

static void Clean(string dir)
{
    foreach (var name in new[] { "ours.capsule", "stock.age" }) File.Delete(Path.Combine(dir, name));
    foreach (var name in new[] { "stage", "stock-out" })
        if (Directory.Exists(Path.Combine(dir, name))) Directory.Delete(Path.Combine(dir, name), recursive: true);
}

/// <summary>One timed process tree: wall seconds, CPU seconds (user + system, all processes) and maximum resident set size.</summary>
internal readonly record struct Run(double Seconds, double CpuSeconds, double PeakMiB)
{
    public static Run None => new(double.MaxValue, 0, 0);

    /// <summary>The faster run (best of N); memory is reported for that run.</summary>
    public Run Best(Run other) => other.Seconds < Seconds ? other : this;
}
