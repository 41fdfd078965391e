using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

public sealed class OpencodeGenerator() : Generator("opencode")
{
    public const string Database = ".local/share/opencode/opencode.db";

    // The database only (as SQL text); never opencode.json, auth.json or logs.
    protected override void Capture(FixtureWriter writer, string home)
    {
        writer.DumpDatabase(Database);
        writer.CopyTree(".local/share/opencode/storage");
    }

    protected override ExpectedSession Describe(string home, MadeSession made) => DescribeFromDatabase(home, made);

    internal static ExpectedSession DescribeFromDatabase(string home, MadeSession made)
    {
        using var db = OpenReadOnly(Path.Combine(home, Database));
        var title = Scalar<string>(db, "SELECT title FROM session WHERE id = $id", ("$id", made.Id));
        var count = Scalar<long>(db,
            "SELECT count(*) FROM message WHERE session_id = $id AND json_extract(data, '$.role') IN ('user','assistant')",
            ("$id", made.Id));
        return Expected(made, title, (int)count);
    }

    internal const string CountRule = "Rows of table message for the session whose data.role is user or assistant.";

    protected override string MessageCountRule => CountRule;

    protected override string TitleRule => "session.title (opencode asks the small model for it, so it is the stand-in's reply).";
}
