using System.Text.Json.Nodes;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Agents;

namespace SameSession.FixtureGen;

/// <summary>acpx driving opencode: the fixture holds the acpx records and the opencode store they point into.</summary>
public sealed class AcpxGenerator() : Generator("acpx")
{
    // Records and event streams (not the queue leases or stream locks), plus the native opencode database.
    protected override void Capture(FixtureWriter writer, string home)
    {
        AcpxCli.WaitForQueueOwners(home, TimeSpan.FromMinutes(1)); // owners rewrite the records as they exit
        writer.CopyTree(".acpx/sessions", f => !f.Contains(".lock", StringComparison.Ordinal)); // .stream.lock(.guard)
        writer.DumpDatabase(OpencodeGenerator.Database);
    }

    protected override ExpectedSession Describe(string home, MadeSession made)
    {
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(home, ".acpx", "sessions", Uri.EscapeDataString(made.Id) + ".json")))!;
        var title = record["title"]?.GetValue<string>() ?? made.Prompts[0];
        return Expected(made, title, (record["messages"] as JsonArray)?.Count ?? 0);
    }

    protected override string MessageCountRule => "Entries of the record's messages array (User and Agent).";

    protected override string TitleRule => "The record's title, else the first user prompt.";

    protected override IReadOnlyList<string> Notes =>
    [
        "Id is the acpx record id (acpx_record_id); with opencode it equals the opencode ses_ id.",
        "home/.local/share/opencode/opencode.db.sql is opencode's own store of the same sessions (acpx resumes through it).",
    ];
}
