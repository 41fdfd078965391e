using SameSession.Core.Operations;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Gemini;

/// <summary>Reads a chat file through SameSession's description cache; a file that drew a warning is not cached (it warns again).</summary>
internal static class GeminiChatCache
{
    public const string StoreName = "gemini";

    public static GeminiChat? Read(string file, FactsStore<GeminiChat>? store, DiscoveryContext context)
    {
        if (store is null) return GeminiChat.Read(file, context);
        FileInfo info;
        try
        {
            info = new FileInfo(file);
            if (store.Get(file, info) is { } hit) return hit;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return GeminiChat.Read(file, context);
        }
        var watch = new WarningWatch(context.Observer);
        var chat = GeminiChat.Read(file, new DiscoveryContext(context.Environment, watch, context.IncludeArchived) { IdFilter = context.IdFilter });
        if (chat is not null && !watch.Warned) store.Put(file, info, chat);
        return chat;
    }

    private sealed class WarningWatch(IOperationObserver inner) : IOperationObserver
    {
        public bool Warned { get; private set; }
        public void Progress(OperationProgress progress) => inner.Progress(progress);
        public void Warning(string message) { Warned = true; inner.Warning(message); }
        public void Verbose(string message) => inner.Verbose(message);
        public bool ShouldProcess(string target, string action) => inner.ShouldProcess(target, action);
    }
}
