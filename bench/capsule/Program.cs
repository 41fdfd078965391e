using System.Diagnostics;
using System.Globalization;
using System.Text;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Infrastructure;
using SameSession.Core.Policy;

// Export and import of a session-shaped folder (JSONL transcripts) as a capsule, side by side with the stock
// pipeline `tar -cz | age` / `age -d | tar -xz`. Ours also secret-scans every line, hashes every file twice
// (measure, then verify while packing) and verifies every hash on extraction; the stock pipeline does none of that.
var mib = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128;
var age = ProcessRunner.FindOnPath("age") ?? throw new InvalidOperationException("age is not on PATH (apt-get install age).");
var tar = ProcessRunner.FindOnPath("tar") ?? throw new InvalidOperationException("tar is not on PATH.");
var dir = Directory.CreateTempSubdirectory("ss-bench-capsule-").FullName;
try
{
    var home = Path.Combine(dir, "home");
    var files = WriteSession(home, mib);
    var identity = X25519Identity.Generate();
    var keyFile = Path.Combine(dir, "key.txt");
    File.WriteAllText(keyFile, identity + "\n");
    Console.WriteLine($"payload {mib} MiB of JSONL in {files.Count} files");

    TimeSpan readLines = TimeSpan.MaxValue, oursOut = TimeSpan.MaxValue, stockOut = TimeSpan.MaxValue, oursIn = TimeSpan.MaxValue, stockIn = TimeSpan.MaxValue, scan = TimeSpan.MaxValue;
    for (var round = 0; round < 2; round++)
    {
        Clean(dir);
        readLines = Min(readLines, Time(() =>
        {
            foreach (var f in files)
            {
                using var r = new StreamReader(f, Encoding.Latin1);
                while (r.ReadLine() is not null) { }
            }
        }));
        scan = Min(scan, Time(() =>
        {
            foreach (var f in files) using (var s = File.OpenRead(f)) SecretScanner.Scan(s, f);
        }));
        oursOut = Min(oursOut, Time(() =>
        {
            var sources = files.Select(f => CapsuleFileSource.FromFile("native/" + Path.GetRelativePath(home, f).Replace('\\', '/'), "transcript", f)).ToList();
            var manifest = new CapsuleManifest
            {
                Created = DateTimeOffset.UtcNow,
                Tool = new ToolInfo("samesession", "bench"),
                Provider = new ProviderInfo("ClaudeCode", null),
                Session = new SessionInfo("bench", null),
                Source = SourceDescription.ForThisMachine(home, home),
                Files = [.. sources.Select(s => { using var st = s.Open(); SecretScanner.Scan(st, s.Path); return s.Measure(); })],
            };
            CapsuleWriter.WriteFile(Path.Combine(dir, "ours.capsule"), manifest, sources, [identity.Recipient]);
        }));
        stockOut = Min(stockOut, Time(() => Shell($"'{tar}' -C '{home}' -czf - . | '{age}' -r {identity.Recipient} -o '{dir}/stock.age'")));
        oursIn = Min(oursIn, Time(() =>
        {
            using var fs = File.OpenRead(Path.Combine(dir, "ours.capsule"));
            using var reader = CapsuleReader.Open(fs, [identity]);
            using var staged = reader.ExtractTo(Path.Combine(dir, "stage"));
        }));
        Directory.CreateDirectory(Path.Combine(dir, "stock-out"));
        stockIn = Min(stockIn, Time(() => Shell($"'{age}' -d -i '{keyFile}' '{dir}/stock.age' | '{tar}' -xzf - -C '{dir}/stock-out'")));
    }

    var size = new FileInfo(Path.Combine(dir, "ours.capsule")).Length;
    var stockSize = new FileInfo(Path.Combine(dir, "stock.age")).Length;
    Console.WriteLine($"scan:    samesession {Rate(mib, scan),8:F1} MiB/s | read lines only {Rate(mib, readLines),8:F1} MiB/s | ratio {readLines / scan:F2}x");
    Console.WriteLine($"export:  samesession {Rate(mib, oursOut),8:F1} MiB/s | tar -cz | age {Rate(mib, stockOut),8:F1} MiB/s | ratio {stockOut / oursOut:F2}x");
    Console.WriteLine($"import:  samesession {Rate(mib, oursIn),8:F1} MiB/s | age -d | tar -xz {Rate(mib, stockIn),8:F1} MiB/s | ratio {stockIn / oursIn:F2}x");
    Console.WriteLine($"size:    samesession {size / 1048576.0:F1} MiB | stock {stockSize / 1048576.0:F1} MiB");
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static double Rate(int mib, TimeSpan t) => mib / t.TotalSeconds;

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

static TimeSpan Time(Action run)
{
    GC.Collect();
    var sw = Stopwatch.StartNew();
    run();
    return sw.Elapsed;
}

static void Shell(string command)
{
    var r = ProcessRunner.Run("/bin/bash", ["-o", "pipefail", "-c", command], timeout: TimeSpan.FromMinutes(10));
    if (!r.Succeeded) throw new InvalidOperationException($"{command} failed: {r.StdErr}");
}

static void Clean(string dir)
{
    foreach (var name in new[] { "ours.capsule", "stock.age" }) File.Delete(Path.Combine(dir, name));
    foreach (var name in new[] { "stage", "stock-out" })
        if (Directory.Exists(Path.Combine(dir, name))) Directory.Delete(Path.Combine(dir, name), recursive: true);
}

// Claude-like transcripts: JSON lines with prose, paths and tool output, about 4 MiB per file.
static List<string> WriteSession(string home, int mib)
{
    var rng = new Random(42);
    string[] words = ["the", "build", "fails", "because", "src/api/handler.go", "returns", "nil", "when", "config", "is", "missing", "let", "me", "check", "go", "test", "./...", "PASS", "ok"];
    var files = new List<string>();
    var total = (long)mib << 20;
    for (var i = 0; total > 0; i++)
    {
        var path = Path.Combine(home, "projects", "-home-me-src-api", i == 0 ? "6a1c.jsonl" : Path.Combine("6a1c", "subagents", $"agent-{i}.jsonl"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        long written = 0;
        var sb = new StringBuilder();
        while (written < Math.Min(total, 4L << 20))
        {
            sb.Clear().Append("{\"type\":\"assistant\",\"cwd\":\"/home/me/src/api\",\"message\":{\"content\":\"");
            for (var k = rng.Next(20, 200); k > 0; k--) sb.Append(words[rng.Next(words.Length)]).Append(' ');
            sb.Append("\"}}\n");
            w.Write(sb);
            written += sb.Length;
        }
        total -= written;
        files.Add(path);
    }
    return files;
}
