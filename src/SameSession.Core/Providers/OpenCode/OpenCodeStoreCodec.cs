using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>An opencode database's projects and sessions in the description cache (keyed by the database and its WAL).</summary>
internal sealed class OpenCodeStoreCodec : IFactsCodec<OpenCodeStore>
{
    public const string StoreName = "opencode";

    public static OpenCodeStoreCodec Instance { get; } = new();

    public int Version => 1;

    public void Write(BinaryWriter writer, OpenCodeStore store)
    {
        writer.Write(store.Projects.Count);
        foreach (var p in store.Projects.Values)
        {
            writer.Write(p.Id);
            writer.Write(p.Worktree);
            writer.WriteTexts(p.Sandboxes);
        }
        writer.Write(store.Sessions.Count);
        foreach (var s in store.Sessions)
        {
            writer.Write(s.Id);
            writer.Write(s.ProjectId);
            writer.WriteText(s.ParentId);
            writer.WriteText(s.Directory);
            writer.WriteText(s.Title);
            writer.WriteText(s.Version);
            writer.WriteTime(s.Created);
            writer.WriteTime(s.Updated);
            writer.Write(s.Archived);
            writer.Write(s.MessageCount);
            writer.Write(s.SizeBytes);
            writer.WriteText(s.FirstPrompt);
            writer.WriteTexts(s.Files);
            writer.WriteText(s.StorageNote);
        }
    }

    public OpenCodeStore Read(BinaryReader reader)
    {
        var store = new OpenCodeStore();
        var projects = reader.ReadCount();
        for (var i = 0; i < projects; i++)
        {
            var id = reader.ReadString();
            store.Projects[id] = new OpenCodeProject(id, reader.ReadString(), reader.ReadTexts());
        }
        var sessions = reader.ReadCount();
        store.Sessions.Capacity = sessions;
        for (var i = 0; i < sessions; i++)
        {
            store.Sessions.Add(new OpenCodeSessionRow
            {
                Id = reader.ReadString(),
                ProjectId = reader.ReadString(),
                ParentId = reader.ReadText(),
                Directory = reader.ReadText(),
                Title = reader.ReadText(),
                Version = reader.ReadText(),
                Created = reader.ReadTime(),
                Updated = reader.ReadTime(),
                Archived = reader.ReadBoolean(),
                MessageCount = reader.ReadInt32(),
                SizeBytes = reader.ReadInt64(),
                FirstPrompt = reader.ReadText(),
                Files = reader.ReadTexts(),
                StorageNote = reader.ReadText(),
            });
        }
        return store;
    }
}
