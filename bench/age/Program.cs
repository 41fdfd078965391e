using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Infrastructure;

// Encrypts and decrypts the same random file with SameSession's age and with the age CLI, side by side,
// for the same X25519 recipient, and prints throughput, the ratio, and peak memory (Linux VmHWM).
var mib = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
var age = ProcessRunner.FindOnPath("age") ?? throw new InvalidOperationException("age is not on PATH (apt-get install age).");
var dir = Directory.CreateTempSubdirectory("ss-bench-age-").FullName;
try
{
    var plain = Path.Combine(dir, "plain");
    WriteRandom(plain, mib);
    var identity = X25519Identity.Generate();
    var keyFile = Path.Combine(dir, "key.txt");
    File.WriteAllText(keyFile, identity + "\n");
    var recipient = identity.Recipient.ToString();
    Console.WriteLine($"payload {mib} MiB of random data; recipient {recipient}");

    // Alternate the two programs twice and keep each one's best run: the machine is shared and the page cache warms.
    Result oursEnc = default, ageEnc = default;
    for (var round = 0; round < 2; round++)
    {
        File.Delete(Path.Combine(dir, "ours.age"));
        File.Delete(Path.Combine(dir, "theirs.age"));
        oursEnc = Best(oursEnc, Measure(() =>
        {
            using var input = OpenRead(plain);
            using var output = AgeEncryption.Encrypt(OpenWrite(Path.Combine(dir, "ours.age")), [identity.Recipient]);
            input.CopyTo(output, 1 << 20);
        }));
        ageEnc = Best(ageEnc, MeasureChild(age, ["-r", recipient, "-o", Path.Combine(dir, "theirs.age"), plain]));
    }

    Result oursDec = default, ageDec = default;
    for (var round = 0; round < 2; round++)
    {
        long decrypted = 0;
        oursDec = Best(oursDec, Measure(() =>
        {
            // Decrypt the file age wrote, so this also checks interoperability.
            using var plainOut = AgeEncryption.Decrypt(OpenRead(Path.Combine(dir, "theirs.age")), [identity]);
            var buffer = new byte[1 << 20];
            int n;
            while ((n = plainOut.Read(buffer)) > 0) decrypted += n;
        }));
        if (decrypted != (long)mib << 20) throw new InvalidOperationException($"decrypted {decrypted} bytes, expected {(long)mib << 20}");
        ageDec = Best(ageDec, MeasureChild(age, ["-d", "-i", keyFile, "-o", "/dev/null", Path.Combine(dir, "ours.age")]));
    }

    Report("encrypt", mib, oursEnc, ageEnc);
    Report("decrypt", mib, oursDec, ageDec);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
static FileStream OpenWrite(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

static void WriteRandom(string path, int mib)
{
    using var f = OpenWrite(path);
    var block = new byte[1 << 20];
    for (var i = 0; i < mib; i++)
    {
        RandomNumberGenerator.Fill(block);
        f.Write(block);
    }
    f.Flush(flushToDisk: true);
}

static Result Best(Result a, Result b) => a.Time == TimeSpan.Zero || b.Time < a.Time ? b with { PeakKiB = Math.Max(a.PeakKiB, b.PeakKiB) } : a with { PeakKiB = Math.Max(a.PeakKiB, b.PeakKiB) };

static Result Measure(Action run)
{
    GC.Collect();
    // Writing 5 to clear_refs resets this process's VmHWM, so the peak below belongs to this run only.
    File.WriteAllText("/proc/self/clear_refs", "5");
    var idle = ReadKiB("/proc/self/status", "VmRSS:") ?? 0;
    var sw = Stopwatch.StartNew();
    run();
    sw.Stop();
    return new(sw.Elapsed, ReadKiB("/proc/self/status", "VmHWM:") ?? -1, idle);
}

static Result MeasureChild(string program, string[] arguments)
{
    var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
    foreach (var a in arguments) psi.ArgumentList.Add(a);
    var sw = Stopwatch.StartNew();
    using var p = Process.Start(psi)!;
    var stderr = p.StandardError.ReadToEndAsync();
    long peak = -1;
    // VmHWM only grows, so the last sample before exit is the child's peak (to within the final few ms).
    while (!p.WaitForExit(20))
        peak = Math.Max(peak, ReadKiB($"/proc/{p.Id}/status", "VmHWM:") ?? peak);
    sw.Stop();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {stderr.Result}");
    return new(sw.Elapsed, peak, 0);
}

static long? ReadKiB(string statusFile, string key)
{
    try
    {
        var line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return null;
    }
}

static void Report(string what, int mib, Result ours, Result age)
{
    var o = mib / ours.Time.TotalSeconds;
    var a = mib / age.Time.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: samesession {o,7:F1} MiB/s (peak RSS {ours.PeakKiB / 1024.0:F1} MiB, +{(ours.PeakKiB - ours.IdleKiB) / 1024.0:F1} over idle) | age {a,7:F1} MiB/s (peak RSS {age.PeakKiB / 1024.0:F1} MiB) | ratio {o / a:F2}x"));
}

internal readonly record struct Result(TimeSpan Time, long PeakKiB, long IdleKiB);
