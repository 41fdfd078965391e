using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Acpx;

/// <summary>
/// What describing an acpx record needs its whole JSON parsed for; cached per record size and mtime. Which stream segments
/// exist, their sizes, liveness and orphan state are always looked at fresh.
/// </summary>
internal sealed record AcpxRecordFacts(
    string Id,
    string? Title,
    string? FirstPrompt,
    string? Cwd,
    string? AcpSessionId,
    DateTimeOffset? Created,
    DateTimeOffset? Updated,
    int MessageCount,
    string? Note,
    int MaxSegments,
    string ActiveStream)
{
    public const string StoreName = "acpx";

    public static IFactsCodec<AcpxRecordFacts> Codec { get; } = new FactsCodec();

    private sealed class FactsCodec : IFactsCodec<AcpxRecordFacts>
    {
        public int Version => 1;

        public void Write(BinaryWriter writer, AcpxRecordFacts f)
        {
            writer.Write(f.Id);
            writer.WriteText(f.Title);
            writer.WriteText(f.FirstPrompt);
            writer.WriteText(f.Cwd);
            writer.WriteText(f.AcpSessionId);
            writer.WriteTime(f.Created);
            writer.WriteTime(f.Updated);
            writer.Write(f.MessageCount);
            writer.WriteText(f.Note);
            writer.Write(f.MaxSegments);
            writer.Write(f.ActiveStream);
        }

        public AcpxRecordFacts Read(BinaryReader reader) => new(
            reader.ReadString(), reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadText(), reader.ReadTime(), reader.ReadTime(),
            reader.ReadInt32(), reader.ReadText(), reader.ReadInt32(), reader.ReadString());
    }
}
