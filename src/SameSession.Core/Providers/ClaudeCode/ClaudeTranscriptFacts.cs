using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>What describing a Claude transcript needs a whole-file read for; cached per transcript size and mtime.</summary>
internal sealed record ClaudeTranscriptFacts(
    string? Title,
    string? FirstPrompt,
    string? Directory,
    string? GitBranch,
    string? ProviderVersion,
    DateTimeOffset? Created,
    DateTimeOffset? Updated,
    int MessageCount)
{
    public const string StoreName = "claude";

    public static IFactsCodec<ClaudeTranscriptFacts> Codec { get; } = new FactsCodec();

    private sealed class FactsCodec : IFactsCodec<ClaudeTranscriptFacts>
    {
        public int Version => 1;

        public void Write(BinaryWriter writer, ClaudeTranscriptFacts f)
        {
            writer.WriteText(f.Title);
            writer.WriteText(f.FirstPrompt);
            writer.WriteText(f.Directory);
            writer.WriteText(f.GitBranch);
            writer.WriteText(f.ProviderVersion);
            writer.WriteTime(f.Created);
            writer.WriteTime(f.Updated);
            writer.Write(f.MessageCount);
        }

        public ClaudeTranscriptFacts Read(BinaryReader reader) => new(
            reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadText(),
            reader.ReadTime(), reader.ReadTime(), reader.ReadInt32());
    }
}
