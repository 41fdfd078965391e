using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>Describes one Claude transcript: one byte scan for counts, then parses only the few lines it needs.</summary>
internal static class ClaudeSessionReader
{
    public static AgentSession? Read(string home, string transcript, IReadOnlyList<string> oldSubagents,
        HashSet<string> live, ProjectRootFinder roots, DiscoveryContext context)
    {
        var id = Path.GetFileNameWithoutExtension(transcript);
        try
        {
            var info = new FileInfo(transcript);
            if (info.Length == 0)
            {
                context.Observer.Verbose($"{transcript}: empty transcript; skipped.");
                return null;
            }
            using var handle = File.OpenHandle(transcript, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            var scan = new ClaudeTranscriptScan();
            JsonlLines.Scan(handle, ref scan);

            var lines = new LineParser(handle, transcript, context);
            var head = scan.Head.Select(lines.Parse).Where(l => l is not null).ToList();
            var last = scan.LastMessage is { } lm ? lines.Parse(lm) : null;
            var prompt = scan.Prompts.Select(lines.Parse).Select(l => l?.Prompt).FirstOrDefault(p => p is not null);
            var title = Title(scan.CustomTitle, lines) ?? Title(scan.AiTitle, lines) ?? Title(scan.Summary, lines);
            if (scan.UnterminatedLast && scan.LastLine is { } tail && !lines.IsValid(tail))
                context.Warn(transcript, $"the last line (at byte {tail.Offset}) is cut off; it was ignored. The session may still be running or was interrupted.");

            var firstWithCwd = head.FirstOrDefault(l => l!.Cwd is not null);
            var directory = last?.Cwd ?? firstWithCwd?.Cwd;
            var files = SessionFiles(transcript, id, oldSubagents);
            if (head.Count == 0 && last is null)
                context.Warn(transcript, "no readable line in the head of the transcript; listed with file facts only.");

            return new AgentSession
            {
                Provider = AgentProvider.ClaudeCode,
                Id = id,
                Title = title ?? SessionText.TitleFromPrompt(prompt),
                FirstPrompt = prompt,
                Directory = directory,
                ProjectRoot = roots.Find(directory),
                GitBranch = SessionText.NonEmpty(last?.GitBranch) ?? SessionText.NonEmpty(firstWithCwd?.GitBranch),
                ProviderVersion = last?.Version ?? head.LastOrDefault(l => l!.Version is not null)?.Version,
                Created = head.FirstOrDefault(l => l!.Timestamp is not null)?.Timestamp ?? last?.Timestamp,
                Updated = last?.Timestamp ?? new DateTimeOffset(info.LastWriteTimeUtc),
                MessageCount = scan.MessageCount,
                SizeBytes = files.Sum(SizeOf),
                Files = files,
                Home = home,
                IsLive = live.Contains(id),
                IsOrphaned = directory is not null && !Directory.Exists(directory),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(transcript, $"could not be read ({ex.Message}); skipped.");
            return null;
        }
    }

    private static string? Title(LineRef? at, LineParser lines) => at is { } a ? SessionText.NonEmpty(lines.Parse(a)?.Title) : null;

    /// <summary>The transcript, everything in its <c>&lt;id&gt;/</c> folder (subagents, tool results, workflows), and old flat subagents.</summary>
    private static List<string> SessionFiles(string transcript, string id, IReadOnlyList<string> oldSubagents)
    {
        var files = new List<string> { transcript };
        var folder = Path.Combine(Path.GetDirectoryName(transcript)!, id);
        if (Directory.Exists(folder))
            files.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        files.AddRange(oldSubagents.Order(StringComparer.Ordinal));
        return files;
    }

    private static long SizeOf(string file)
    {
        try { return new FileInfo(file).Length; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return 0; }
    }



    /// <summary>Reads recorded lines back by offset; warns once per file about malformed lines.</summary>
    private sealed class LineParser(SafeFileHandle handle, string path, DiscoveryContext context)
    {
        private readonly Dictionary<long, ClaudeLine?> _parsed = [];
        private bool _warned;

        public ClaudeLine? Parse(LineRef at)
        {
            if (_parsed.TryGetValue(at.Offset, out var done)) return done;
            var line = at.Length > JsonlLines.MaxLineBytes ? null : ClaudeLine.Parse(JsonlLines.ReadLine(handle, at.Offset, at.Length));
            if (line is null && !_warned)
            {
                _warned = true;
                context.Warn(path, $"the line at byte {at.Offset} is not valid JSON{(at.Length > JsonlLines.MaxLineBytes ? " or is too long to read" : "")}; it was skipped.");
            }
            _parsed[at.Offset] = line;
            return line;
        }

        public bool IsValid(LineRef at)
        {
            if (at.Length > JsonlLines.MaxLineBytes) return false;
            try
            {
                using var _ = JsonDocument.Parse(JsonlLines.ReadLine(handle, at.Offset, at.Length));
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
