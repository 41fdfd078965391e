using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

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
            var store = context.CacheStore<ClaudeTranscriptFacts>("claude");
            var facts = store?.Get(transcript, info) ?? Scan(transcript, info, store, context);
            var files = SessionFiles(transcript, id, oldSubagents);
            return new AgentSession
            {
                Provider = AgentProvider.ClaudeCode,
                Id = id,
                Title = facts.Title,
                FirstPrompt = facts.FirstPrompt,
                Directory = facts.Directory,
                ProjectRoot = roots.Find(facts.Directory),
                GitBranch = facts.GitBranch,
                ProviderVersion = facts.ProviderVersion,
                Created = facts.Created,
                Updated = facts.Updated,
                MessageCount = facts.MessageCount,
                SizeBytes = files.Sum(SizeOf),
                Files = files,
                Home = home,
                IsLive = live.Contains(id),
                IsOrphaned = facts.Directory is not null && !roots.DirectoryExists(facts.Directory),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(transcript, $"could not be read ({ex.Message}); skipped.");
            return null;
        }
    }

    /// <summary>One byte scan of the transcript, then the few lines it needs; cached when nothing was wrong with it.</summary>
    private static ClaudeTranscriptFacts Scan(string transcript, FileInfo info, FactsStore<ClaudeTranscriptFacts>? store, DiscoveryContext context)
    {
        using var handle = RecordedLines<ClaudeLine>.Open(transcript);
        var scan = new ClaudeTranscriptScan();
        JsonlLines.Scan(handle, ref scan);

        var lines = new RecordedLines<ClaudeLine>(handle, transcript, context, ClaudeLine.Parse);
        // Lazy: head lines (often large attachment snapshots) are parsed only until what is missing is found.
        var head = scan.Head.Select(lines.Parse).Where(l => l is not null);
        var envelopes = new RecordedLines<ClaudeLine>(handle, transcript, context, ClaudeLine.ParseEnvelope);
        var last = scan.LastMessage is { } lm ? envelopes.Parse(lm) : null;
        var prompt = scan.Prompts.Select(lines.Parse).Select(l => l?.Prompt).FirstOrDefault(p => p is not null);
        var title = Title(scan.CustomTitle, lines) ?? Title(scan.AiTitle, lines) ?? Title(scan.Summary, lines);
        var warned = false;
        if (scan.UnterminatedLast && scan.LastLine is { } tail && !lines.IsValid(tail))
        {
            warned = true;
            context.Warn(transcript, $"the last line (at byte {tail.Offset}) is cut off; it was ignored. The session may still be running or was interrupted.");
        }

        var firstWithCwd = last?.Cwd is null || last.GitBranch is null ? head.FirstOrDefault(l => l!.Cwd is not null) : null;
        if (last is null && !head.Any())
        {
            warned = true;
            context.Warn(transcript, "no readable line in the head of the transcript; listed with file facts only.");
        }
        var facts = new ClaudeTranscriptFacts(
            Title: title ?? SessionText.TitleFromPrompt(prompt),
            FirstPrompt: prompt,
            Directory: last?.Cwd ?? firstWithCwd?.Cwd,
            GitBranch: SessionText.NonEmpty(last?.GitBranch) ?? SessionText.NonEmpty(firstWithCwd?.GitBranch),
            ProviderVersion: last?.Version ?? head.FirstOrDefault(l => l!.Version is not null)?.Version,
            Created: head.FirstOrDefault(l => l!.Timestamp is not null)?.Timestamp ?? last?.Timestamp,
            Updated: last?.Timestamp ?? new DateTimeOffset(info.LastWriteTimeUtc),
            MessageCount: scan.MessageCount);
        // A file that drew a warning is scanned again next time, so the warning is not lost.
        if (store is not null && !warned && !lines.Warned && !envelopes.Warned) store.Put(transcript, info, facts);
        return facts;
    }

    private static string? Title(LineRef? at, RecordedLines<ClaudeLine> lines) => at is { } a ? SessionText.NonEmpty(lines.Parse(a)?.Title) : null;

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
}
