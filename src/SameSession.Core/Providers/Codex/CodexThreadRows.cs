using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Codex;

/// <summary>
/// Every row of the thread index, cached per database: valid while the database file and its <c>-wal</c> keep their
/// size and mtime (every commit changes one of them), so a warm run does not open SQLite at all.
/// </summary>
internal sealed class CodexThreadRows(Dictionary<string, CodexThreadRow> rows)
{
    public const string StoreName = "codex-threads";

    public Dictionary<string, CodexThreadRow> Rows { get; } = rows;

    public static IFactsCodec<CodexThreadRows> Codec { get; } = new FactsCodec();

    private sealed class FactsCodec : IFactsCodec<CodexThreadRows>
    {
        public int Version => 1;

        public void Write(BinaryWriter writer, CodexThreadRows facts)
        {
            writer.Write(facts.Rows.Count);
            foreach (var r in facts.Rows.Values)
            {
                writer.Write(r.Id);
                writer.WriteText(r.RolloutPath);
                writer.WriteTime(r.Created);
                writer.WriteTime(r.Updated);
                writer.WriteText(r.Cwd);
                writer.WriteText(r.Title);
                writer.WriteText(r.Name);
                writer.WriteText(r.FirstUserMessage);
                writer.WriteText(r.GitBranch);
                writer.WriteText(r.CliVersion);
                writer.Write(r.Archived);
                writer.WriteText(r.ProjectId);
            }
        }

        public CodexThreadRows Read(BinaryReader reader)
        {
            var n = reader.ReadCount();
            var rows = new Dictionary<string, CodexThreadRow>(n, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < n; i++)
            {
                var row = new CodexThreadRow
                {
                    Id = reader.ReadString(),
                    RolloutPath = reader.ReadText(),
                    Created = reader.ReadTime(),
                    Updated = reader.ReadTime(),
                    Cwd = reader.ReadText(),
                    Title = reader.ReadText(),
                    Name = reader.ReadText(),
                    FirstUserMessage = reader.ReadText(),
                    GitBranch = reader.ReadText(),
                    CliVersion = reader.ReadText(),
                    Archived = reader.ReadBoolean(),
                    ProjectId = reader.ReadText(),
                };
                rows[row.Id] = row;
            }
            return new CodexThreadRows(rows);
        }
    }
}
