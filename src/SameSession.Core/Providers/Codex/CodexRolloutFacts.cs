using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Codex;

/// <summary>What describing a rollout needs a whole-file read for; cached per rollout size and mtime. DB row facts are always read fresh.</summary>
internal sealed record CodexRolloutFacts(
    string? Prompt,
    string? Cwd,
    string? GitBranch,
    string? CliVersion,
    DateTimeOffset? Created,
    DateTimeOffset? TailTimestamp,
    int MessageCount)
{
    public const string StoreName = "codex";

    public static IFactsCodec<CodexRolloutFacts> Codec { get; } = new FactsCodec();

    private sealed class FactsCodec : IFactsCodec<CodexRolloutFacts>
    {
        public int Version => 1;

        public void Write(BinaryWriter writer, CodexRolloutFacts f)
        {
            writer.WriteText(f.Prompt);
            writer.WriteText(f.Cwd);
            writer.WriteText(f.GitBranch);
            writer.WriteText(f.CliVersion);
            writer.WriteTime(f.Created);
            writer.WriteTime(f.TailTimestamp);
            writer.Write(f.MessageCount);
        }

        public CodexRolloutFacts Read(BinaryReader reader) => new(
            reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadTime(), reader.ReadTime(), reader.ReadInt32());
    }
}
