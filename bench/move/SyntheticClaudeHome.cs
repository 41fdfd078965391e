using System.Text;
using System.Text.Json;
using SameSession.Core.Relocation.Rebind.ClaudeCode;

namespace SameSession.Bench.Move;

/// <summary>
/// Claude Code transcripts shaped like real ones (formats doc §1.4 and the 2.1.328 fixture): user/assistant lines
/// carrying cwd, tool_use inputs with file paths, long tool results, attachment lines with an environment snapshot,
/// bookkeeping lines without cwd; a history.jsonl with every session's prompts and a ~/.claude.json with each project's
/// entry, which every move also rewrites. Deterministic (seeded) so runs compare.
/// </summary>
internal static class SyntheticClaudeHome
{
    public static void Write(string home, int sessions, long bytesPerSession, string oldRoot)
    {
        var random = new Random(42);
        var words = "the parser reads each token and the test asserts that a flaky network call retries before failing while the build".Split(' ');
        var claude = Path.Combine(home, ".claude");
        Directory.CreateDirectory(claude);
        using var history = new StreamWriter(Path.Combine(claude, "history.jsonl"), false, new UTF8Encoding(false), 1 << 16);
        var projects = new SortedSet<string>(StringComparer.Ordinal) { "/home/dev/elsewhere" };
        for (var s = 0; s < sessions; s++)
        {
            var cwd = $"{oldRoot}/proj{s % 20}/{(s % 3 == 0 ? "src/app" : "")}".TrimEnd('/');
            var id = new Guid(s, 0x4000, 0x0800, 0, 0, 0, 0, 0, 0, 0, (byte)(s % 251)).ToString();
            var folder = Path.Combine(claude, "projects", ClaudeProjectFolder.Name(cwd));
            projects.Add(cwd);
            // Prompt history: every session adds its prompts (project = its cwd), interleaved with another project's.
            for (var p = 0; p < 10; p++)
            {
                var ms = 1_780_000_000_000L + (s * 10L + p) * 60_000;
                history.Write($"{{\"display\":{Q(Sentence(random, words, 12))},\"pastedContents\":{{}},\"timestamp\":{ms},\"project\":{Q(cwd)},\"sessionId\":\"{id}\"}}\n");
                if (p == 0) history.Write($"{{\"display\":\"unrelated\",\"pastedContents\":{{}},\"timestamp\":{ms + 1},\"project\":\"/home/dev/elsewhere\",\"sessionId\":\"{Guid.Empty}\"}}\n");
            }
            Directory.CreateDirectory(folder);
            using var w = new StreamWriter(Path.Combine(folder, id + ".jsonl"), false, new UTF8Encoding(false), 1 << 16);
            long written = 0;
            var n = 0;
            string? parent = null;
            while (written < bytesPerSession)
            {
                var uuid = new Guid(s, (short)(n >> 16), (short)n, 1, 2, 3, 4, 5, 6, 7, 8).ToString();
                var envelope = $"\"parentUuid\":{(parent is null ? "null" : $"\"{parent}\"")},\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"{cwd}\",\"sessionId\":\"{id}\",\"version\":\"2.1.328\",\"gitBranch\":\"main\"";
                var ts = new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc).AddSeconds(n).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
                var file = $"{cwd}/src/module{n % 40}/file{n % 7}.ts";
                string line = (n % 6) switch
                {
                    0 => $"{{{envelope},\"type\":\"user\",\"message\":{{\"role\":\"user\",\"content\":{Q(Sentence(random, words, 30) + $" in {file}")}}},\"uuid\":\"{uuid}\",\"timestamp\":\"{ts}\"}}",
                    1 => $"{{{envelope},\"message\":{{\"id\":\"msg_{n:x8}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet\",\"content\":[{{\"type\":\"thinking\",\"thinking\":{Q(Sentence(random, words, 60))},\"signature\":\"{new string('s', 200)}\"}},{{\"type\":\"tool_use\",\"id\":\"toolu_{n:x8}\",\"name\":\"Read\",\"input\":{{\"file_path\":{Q(file)}}}}}],\"stop_reason\":\"tool_use\",\"usage\":{{\"input_tokens\":1200,\"output_tokens\":80}}}},\"requestId\":\"req_{n:x8}\",\"type\":\"assistant\",\"uuid\":\"{uuid}\",\"timestamp\":\"{ts}\"}}",
                    2 => $"{{{envelope},\"type\":\"user\",\"message\":{{\"role\":\"user\",\"content\":[{{\"tool_use_id\":\"toolu_{n - 1:x8}\",\"type\":\"tool_result\",\"content\":{Q(Code(random, words, cwd, 6000 + random.Next(12000)))}}}]}},\"uuid\":\"{uuid}\",\"timestamp\":\"{ts}\",\"toolUseResult\":{{\"type\":\"text\",\"file\":{{\"filePath\":{Q(file)},\"numLines\":120}}}}}}",
                    3 => $"{{{envelope},\"type\":\"attachment\",\"attachment\":{{\"type\":\"environment\",\"snapshot\":{{\"workingDirectory\":{Q(cwd)},\"platform\":\"linux\",\"shell\":\"bash\"}}}},\"rendered\":[{{\"content\":{Q($"Working directory: {cwd}\nIs directory a git repo: Yes\nPlatform: linux")}}}],\"uuid\":\"{uuid}\",\"timestamp\":\"{ts}\"}}",
                    4 => $"{{{envelope},\"message\":{{\"id\":\"msg_{n:x8}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet\",\"content\":[{{\"type\":\"text\",\"text\":{Q(Sentence(random, words, 120))}}}],\"stop_reason\":\"end_turn\",\"usage\":{{\"input_tokens\":1500,\"output_tokens\":300}}}},\"type\":\"assistant\",\"uuid\":\"{uuid}\",\"timestamp\":\"{ts}\"}}",
                    _ => $"{{\"type\":\"file-history-snapshot\",\"messageId\":\"{uuid}\",\"snapshot\":{{\"messageId\":\"{uuid}\",\"trackedFileBackups\":{{{Q(file)}:{{\"backupFileName\":\"{n:x16}@v1\",\"version\":1,\"backupTime\":\"{ts}\"}}}},\"timestamp\":\"{ts}\"}},\"isSnapshotUpdate\":false}}",
                };
                if (n % 6 != 5) parent = uuid;
                w.Write(line);
                w.Write('\n');
                written += Encoding.UTF8.GetByteCount(line) + 1;
                n++;
            }
        }
        // ~/.claude.json: a project entry (trust, allowed tools) per directory, as Claude Code keeps them.
        var config = new StringBuilder("{\n  \"numStartups\": 42,\n  \"projects\": {");
        config.AppendJoin(",", projects.Select(p => $"\n    {Q(p)}: {{\n      \"allowedTools\": [],\n      \"hasTrustDialogAccepted\": true,\n      \"lastSessionId\": \"{Guid.Empty}\"\n    }}"));
        config.Append("\n  }\n}\n");
        File.WriteAllText(Path.Combine(home, ".claude.json"), config.ToString());
    }

    private static string Q(string s) => JsonSerializer.Serialize(s);

    private static string Sentence(Random r, string[] words, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => words[r.Next(words.Length)]));

    /// <summary>A tool result: source-like lines, some naming files under the cwd.</summary>
    private static string Code(Random r, string[] words, string cwd, int chars)
    {
        var sb = new StringBuilder(chars + 200);
        var i = 0;
        while (sb.Length < chars)
        {
            sb.Append(i % 25 == 0 ? $"{i,5}\t// see {cwd}/src/lib/util{i % 9}.ts\n" : $"{i,5}\tconst {words[r.Next(words.Length)]}{i} = \"{Sentence(r, words, 6)}\";\n");
            i++;
        }
        return sb.ToString();
    }
}
