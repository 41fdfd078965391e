using System.Text;

namespace SameSession.Bench.Capsule;

/// <summary>Claude-like transcripts: JSON lines with prose, paths and tool output, about 4 MiB per file.</summary>
internal static class SessionFixture
{
    public static List<string> Write(string home, int mib)
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
}
