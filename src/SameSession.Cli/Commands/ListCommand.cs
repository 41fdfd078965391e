using System.CommandLine;
using System.Globalization;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession list`: the CLI twin of Get-AgentSession.</summary>
internal sealed class ListCommand : ICliCommand
{
    public Command Create()
    {
        var provider = new Option<AgentProvider[]>("--provider", "-p") { Description = "Only these agents (ClaudeCode, Codex, OpenCode, Acpx, Gemini); repeatable.", AllowMultipleArgumentsPerToken = true };
        var id = new Option<string[]>("--id") { Description = "Only these session ids; * and ? are wildcards; repeatable.", AllowMultipleArgumentsPerToken = true };
        var fromDir = new Option<string[]>("--from-dir") { Description = "Only sessions recorded in these directories (wildcards, ~, relative to the current directory); repeatable.", AllowMultipleArgumentsPerToken = true };
        var recurse = new Option<bool>("--recurse", "-r") { Description = "With --from-dir, include subdirectories." };
        var fromProject = new Option<string>("--from-project") { Description = "Only sessions of this project (root path or project id)." };
        var search = new Option<string>("--search") { Description = "Text in the title or first prompt (case-insensitive)." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only sessions updated at or after this time (ISO 8601; local time without a zone)." };
        var before = new Option<DateTimeOffset?>("--before") { Description = "Only sessions updated before this time." };
        var orphaned = new Option<bool>("--orphaned") { Description = "Only sessions whose directory no longer exists." };
        var live = new Option<bool>("--live") { Description = "Only sessions an agent is running now." };
        var latest = new Option<bool>("--latest") { Description = "Only the most recently updated session." };
        var count = new Option<int>("--count", "-n") { Description = "Only the N most recently updated sessions." };
        var archived = new Option<bool>("--include-archived") { Description = "Also list archived sessions." };
        var noCache = new Option<bool>("--no-cache") { Description = "Scan every session file instead of reusing SameSession's description cache (also: SAMESESSION_NO_CACHE=1)." };
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var cmd = new Command("list", "List coding-agent sessions, newest first (the CLI twin of Get-AgentSession).")
        {
            provider, id, fromDir, recurse, fromProject, search, since, before, orphaned, live, latest, count, archived, noCache, json, verbose,
        };
        cmd.SetAction(pr =>
        {
            var n = pr.GetValue(count);
            var query = new SessionQuery
            {
                Providers = pr.GetValue(provider) ?? [],
                Ids = pr.GetValue(id) ?? [],
                FromDirs = pr.GetValue(fromDir) ?? [],
                Recurse = pr.GetValue(recurse),
                FromProject = pr.GetValue(fromProject),
                Search = pr.GetValue(search),
                Since = pr.GetValue(since),
                Before = pr.GetValue(before),
                Orphaned = pr.GetValue(orphaned),
                Live = pr.GetValue(live),
                Latest = n != 0 ? n : pr.GetValue(latest) ? 1 : 0,
                IncludeArchived = pr.GetValue(archived),
                NoCache = pr.GetValue(noCache),
                CurrentDirectory = Environment.CurrentDirectory,
            };
            var observer = new CliObserver(Console.Error, verbose: pr.GetValue(verbose));
            return CliRunner.Run(pr.GetValue(json), static c => c.IReadOnlyListAgentSession, () => new SessionCatalog(AgentEnvironment.Current).Find(query, observer), Print);
        });
        return cmd;
    }

    internal static void Print(IReadOnlyList<AgentSession> sessions, TextWriter o)
    {
        o.WriteLine($"{"PROVIDER",-10} {"ID",-12} {"UPDATED",-16} {"MSGS",5}  {"TITLE",-40} DIRECTORY");
        var split = sessions.Count / 2;
        var newLine = o.NewLine;
        var culture = CultureInfo.CurrentCulture;
        var tail = SecondHalf<StringWriter>.Start(sessions.Count, () =>
        {
            // The rows are formatted with this thread's culture wherever they are formatted.
            var previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = culture;
            try
            {
                var t = new StringWriter(CultureInfo.InvariantCulture) { NewLine = newLine };
                PrintRows(sessions, split, sessions.Count, t);
                return t;
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        });
        PrintRows(sessions, 0, tail is null ? sessions.Count : split, o);
        if (tail is not null)
        {
            using var rows = tail.Result();
            o.Write(rows.GetStringBuilder());
        }
        o.WriteLine($"{sessions.Count} session(s)");
    }

    private static void PrintRows(IReadOnlyList<AgentSession> sessions, int from, int to, TextWriter o)
    {
        for (var i = from; i < to; i++)
        {
            SessionPrefetch.Ahead(sessions, i);
            var s = sessions[i];
            var updated = s.Updated?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
            o.WriteLine($"{s.Provider,-10} {s.ShortId,-12} {updated,-16} {s.MessageCount,5}  {Fit(s.Title, 40),-40} {s.Directory}");
        }
    }

    private static string Fit(string? text, int width)
    {
        var t = (text ?? "").ReplaceLineEndings(" ");
        return t.Length <= width ? t : t[..(width - 3)] + "...";
    }
}
