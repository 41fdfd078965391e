using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>Describes one Claude transcript: one byte scan for counts, then parses only the few lines it needs.</summary>
internal static class ClaudeSessionReader
{
    public static AgentSession? Read(ClaudeTranscript t, ProjectRootFinder roots, DiscoveryContext context)
    {
        var transcript = t.File.FullPath;
        try
        {
            if (t.File.Size == 0)
            {
                context.Observer.Verbose($"{transcript}: empty transcript; skipped.");
                return null;
            }
            var store = context.CacheStore(ClaudeTranscriptFacts.StoreName, ClaudeTranscriptFacts.Codec);
            var facts = store?.Get(transcript, t.File.Size, t.File.LastWriteUtc) ?? Scan(t.File, store, context);
            var (files, size) = SessionFiles(t);
            return new AgentSession
            {
                Provider = AgentProvider.ClaudeCode,
                Id = t.Id,
                Title = facts.Title,
                FirstPrompt = facts.FirstPrompt,
                Directory = facts.Directory,
                ProjectRoot = roots.Find(facts.Directory),
                GitBranch = facts.GitBranch,
                ProviderVersion = facts.ProviderVersion,
                Created = facts.Created,
                Updated = facts.Updated,
                MessageCount = facts.MessageCount,
                SizeBytes = size,
                Files = files,
                Home = t.Home,
                IsLive = t.Live.Contains(t.Id),
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
    private static ClaudeTranscriptFacts Scan(ListedEntry file, FactsStore<ClaudeTranscriptFacts>? store, DiscoveryContext context)
    {
        var transcript = file.FullPath;
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
            Updated: last?.Timestamp ?? new DateTimeOffset(file.LastWriteUtc),
            MessageCount: scan.MessageCount);
        // A file that drew a warning is scanned again next time, so the warning is not lost.
        if (store is not null && !warned && !lines.Warned && !envelopes.Warned) store.Put(transcript, file.Size, file.LastWriteUtc, facts);
        return facts;
    }

    private static string? Title(LineRef? at, RecordedLines<ClaudeLine> lines) => at is { } a ? SessionText.NonEmpty(lines.Parse(a)?.Title) : null;

    /// <summary>The transcript, everything in its <c>&lt;id&gt;/</c> folder (subagents, tool results, workflows), and old flat subagents, with their total size.</summary>
    private static (List<string> Files, long Size) SessionFiles(ClaudeTranscript t)
    {
        var files = new List<string> { t.File.FullPath };
        var size = t.File.Size;
        if (t.HasFolder)
        {
            var inFolder = DirectoryListing.FilesBelow(Path.Combine(Path.GetDirectoryName(t.File.FullPath)!, t.Id));
            inFolder.Sort(static (a, b) => string.CompareOrdinal(a.FullPath, b.FullPath));
            foreach (var f in inFolder)
            {
                files.Add(f.FullPath);
                size += f.Size;
            }
        }
        if (t.OldSubagents.Count > 0)
        {
            var old = t.OldSubagents.ToList();
            old.Sort(static (a, b) => string.CompareOrdinal(a.FullPath, b.FullPath));
            foreach (var f in old)
            {
                files.Add(f.FullPath);
                size += f.Size;
            }
        }
        return (files, size);
    }
}
