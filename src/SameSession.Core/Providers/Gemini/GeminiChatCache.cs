using SameSession.Core.Infrastructure;
using SameSession.Core.Operations;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Gemini;

/// <summary>Reads a chat file through SameSession's description cache; a file that drew a warning is not cached (it warns again).</summary>
internal static class GeminiChatCache
{
    public const string StoreName = "gemini";

    public static IFactsCodec<GeminiChat> Codec { get; } = new FactsCodec();

    public static GeminiChat? Read(ListedEntry listed, FactsStore<GeminiChat>? store, DiscoveryContext context)
    {
        var file = listed.FullPath;
        if (store is null) return GeminiChat.Read(file, context);
        if (store.Get(file, listed.Size, listed.LastWriteUtc) is { } hit) return hit;
        var watch = new WarningWatch(context.Observer);
        var chat = GeminiChat.Read(file, new DiscoveryContext(context.Environment, watch, context.IncludeArchived) { IdFilter = context.IdFilter });
        if (chat is not null && !watch.Warned) store.Put(file, listed.Size, listed.LastWriteUtc, chat);
        return chat;
    }

    private sealed class FactsCodec : IFactsCodec<GeminiChat>
    {
        public int Version => 1;

        public void Write(BinaryWriter writer, GeminiChat chat)
        {
            writer.Write(chat.SessionId);
            writer.WriteText(chat.ProjectHash);
            writer.WriteTime(chat.Started);
            writer.WriteTime(chat.LastUpdated);
            writer.WriteText(chat.Summary);
            writer.Write(chat.IsSubagent);
            writer.Write(chat.MessageCount);
            writer.WriteText(chat.FirstPrompt);
        }

        public GeminiChat Read(BinaryReader reader) => new()
        {
            SessionId = reader.ReadString(),
            ProjectHash = reader.ReadText(),
            Started = reader.ReadTime(),
            LastUpdated = reader.ReadTime(),
            Summary = reader.ReadText(),
            IsSubagent = reader.ReadBoolean(),
            MessageCount = reader.ReadInt32(),
            FirstPrompt = reader.ReadText(),
        };
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
