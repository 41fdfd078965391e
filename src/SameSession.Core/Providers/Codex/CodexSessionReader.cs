using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Codex;

/// <summary>Describes one rollout: one byte scan for counts, then parses the meta, last turn context, prompts and tail.</summary>
internal static class CodexSessionReader
{
    public const string ZstdNote = "zstd-compressed rollout";
    private const int UuidLength = 36;

    /// <summary>The thread id at the end of <c>rollout-&lt;local time&gt;-&lt;uuid&gt;.jsonl[.zst]</c>.</summary>
    public static string? IdFromFileName(string path)
    {
        // On spans: only the id itself becomes a string (a listing passes every rollout through here).
        var name = Path.GetFileName(path.AsSpan());
        var stem = name.EndsWith(".jsonl.zst", StringComparison.Ordinal) ? name[..^".jsonl.zst".Length]
            : name.EndsWith(".jsonl", StringComparison.Ordinal) ? name[..^".jsonl".Length] : [];
        if (stem.Length < UuidLength) return null;
        var id = stem[^UuidLength..];
        return Guid.TryParse(id, out _) ? id.ToString() : null;
    }

    public static AgentSession? Read(ListedEntry file, string id, bool inArchive, CodexFacts facts, DiscoveryContext context)
    {
        var rollout = file.FullPath;
        CodexThreadRow? row = null;
        facts.Rows?.TryGetValue(id, out row);
        facts.Names.TryGetValue(id, out var name);
        try
        {
            // A compressed rollout is not scanned: what the thread index knows is all there is.
            var compressed = rollout.EndsWith(".zst", StringComparison.Ordinal);
            if (!compressed && file.Size == 0)
            {
                context.Observer.Verbose($"{rollout}: empty rollout; skipped.");
                return null;
            }
            CodexRolloutFacts? f = null;
            if (!compressed)
            {
                var store = context.CacheStore(CodexRolloutFacts.StoreName, CodexRolloutFacts.Codec);
                f = store?.Get(rollout, file.Size, file.LastWriteUtc) ?? Scan(file, id, row, store, context);
            }
            var directory = row?.Cwd ?? f?.Cwd;
            var prompt = f?.Prompt ?? Trimmed(row?.FirstUserMessage);
            return new AgentSession
            {
                Provider = AgentProvider.Codex,
                Id = id,
                Home = facts.Home,
                SizeBytes = file.Size,
                Files = facts.DbPath is not null && row is not null ? [rollout, facts.DbPath] : [rollout],
                IsArchived = inArchive || row?.Archived == true,
                IsLive = facts.LockFiles.Contains(id) && CodexWriterLocks.IsHeld(facts.Home, id),
                ProjectId = row?.ProjectId,
                Title = Title(name, row) ?? SessionText.TitleFromPrompt(prompt),
                FirstPrompt = prompt,
                Directory = directory,
                ProjectRoot = facts.Roots.Find(directory),
                GitBranch = row?.GitBranch ?? f?.GitBranch,
                ProviderVersion = row?.CliVersion ?? f?.CliVersion,
                Created = f?.Created ?? row?.Created,
                Updated = Latest(f?.TailTimestamp, row?.Updated) ?? new DateTimeOffset(file.LastWriteUtc),
                MessageCount = f?.MessageCount ?? 0,
                IsOrphaned = directory is not null && !facts.Roots.DirectoryExists(directory),
                Note = compressed ? ZstdNote : null,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(rollout, $"could not be read ({ex.Message}); skipped.");
            return null;
        }
    }

    /// <summary>One byte scan of the rollout, then the meta, last turn context, prompts and tail; cached when nothing was wrong.</summary>
    private static CodexRolloutFacts Scan(ListedEntry file, string id, CodexThreadRow? row, FactsStore<CodexRolloutFacts>? store,
        DiscoveryContext context)
    {
        var rollout = file.FullPath;
        using var handle = RecordedLines<CodexRolloutLine>.Open(rollout);
        var scan = new CodexRolloutScan();
        JsonlLines.Scan(handle, ref scan);
        var lines = new RecordedLines<CodexRolloutLine>(handle, rollout, context, CodexRolloutLine.Parse);

        var meta = (scan.Meta ?? scan.First) is { } m ? lines.Parse(m) : null;
        var turn = scan.LastTurnContext is { } t ? lines.Parse(t) : null;
        var tail = scan.LastLine is { } l ? lines.Parse(l, warn: !scan.UnterminatedLast) : null;
        var cacheable = true;
        if (scan.UnterminatedLast && tail is null)
        {
            cacheable = false;
            context.Warn(rollout, $"the last line (at byte {scan.LastLine!.Value.Offset}) is cut off; it was ignored. Codex may still be writing it.");
        }
        // Lazy: user lines are parsed only until the first real prompt (and the oldest cwd fallback) is found.
        var userTexts = scan.UserMessages.Select(u => lines.Parse(u)?.UserText).Where(x => x is not null);
        var prompt = userTexts.Select(x => x!.Trim()).FirstOrDefault(x => x.Length > 0 && !CodexRolloutScan.IsInjectedText(x));
        if (meta is null && turn is null)
        {
            cacheable = false;
            if (row is null) context.Warn(rollout, "no readable session_meta line; listed with file facts only.");
        }

        var cwd = turn?.Cwd ?? meta?.Cwd;
        // The environment-context fallback is only looked for when nothing better is known (the DB row's cwd comes first).
        if (cwd is null && row?.Cwd is not null) cacheable = false;
        else cwd ??= userTexts.Select(CodexRolloutLine.CwdFromEnvironmentContext).FirstOrDefault(c => c is not null);
        if (meta?.Id is { } metaId && !string.Equals(metaId, id, StringComparison.OrdinalIgnoreCase))
        {
            cacheable = false;
            context.Warn(rollout, $"session_meta names thread {metaId} but the file name says {id}; Codex will not find it by id.");
        }
        var facts = new CodexRolloutFacts(prompt, cwd, meta?.GitBranch, meta?.CliVersion, meta?.Timestamp, tail?.Timestamp, scan.MessageCount);
        if (store is not null && cacheable && !lines.Warned) store.Put(rollout, file.Size, file.LastWriteUtc, facts);
        return facts;
    }

    private static string? Title(string? indexName, CodexThreadRow? row) =>
        SessionText.NonEmpty(indexName) ?? SessionText.NonEmpty(row?.Name) ?? SessionText.NonEmpty(row?.Title);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;


    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
