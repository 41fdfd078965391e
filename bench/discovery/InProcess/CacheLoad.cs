using System.Diagnostics;
using SameSession.Core.Operations;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Bench.Discovery;

/// <summary>`--cache-load`: time to load each description-cache store (the fixed cost of a warm run).</summary>
internal static class CacheLoad
{
    public static void Run(string folder)
    {
        for (var round = 0; round < 3; round++)
        {
            Time(folder, ClaudeTranscriptFacts.StoreName, ClaudeTranscriptFacts.Codec);
            Time(folder, CodexRolloutFacts.StoreName, CodexRolloutFacts.Codec);
            Time(folder, CodexThreadRows.StoreName, CodexThreadRows.Codec);
            Time(folder, OpenCodeStoreCodec.StoreName, OpenCodeStoreCodec.Instance);
            Time(folder, AcpxRecordFacts.StoreName, AcpxRecordFacts.Codec);
            Time(folder, GeminiChatCache.StoreName, GeminiChatCache.Codec);
        }
    }

    private static void Time<T>(string folder, string name, IFactsCodec<T> codec) where T : class
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var store = FactsStore<T>.Load(Path.Combine(folder, name + ".facts"), codec, new RecordingObserver());
        Console.WriteLine($"{name,-16} {store.Paths.Count,6} entries  {sw.Elapsed.TotalMilliseconds,7:F1} ms  {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0,5:F1} MB allocated");
    }
}
