using System.Text.Json;
using SameSession.Core.Errors;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers.Acpx;

public class AcpxRebindTests
{
    private static string Sessions(TempDir t) => t.Combine("home", ".acpx", "sessions");

    private static void Record(TempDir t, string id, string cwd, string name = "debug", bool closed = false) =>
        WriteFile(Path.Combine(Sessions(t), id + ".json"), JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["schema"] = "acpx.session.v1", ["acpx_record_id"] = id, ["acp_session_id"] = "acp-" + id,
            ["agent_command"] = "opencode acp", ["cwd"] = cwd, ["name"] = name, ["closed"] = closed, ["last_seq"] = 7,
            ["event_log"] = new { active_path = Path.Combine(Sessions(t), id + ".stream.ndjson"), segment_count = 1, max_segments = 5 },
            ["messages"] = new object[] { new { User = new { id = "u1", content = new[] { new { Text = "proj ünï" } } } } },
        }, Indented) + "\n");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static AgentSession Find(TempDir t, string id) => Discover(new AcpxProvider(), Env(t)).Sessions.Single(s => s.Id == id);

    [Fact]
    public void Rebinds_the_record_cwd_keeping_every_other_field()
    {
        using var t = new TempDir("acr");
        var from = Directory.CreateDirectory(t.Combine("old")).FullName;
        var to = Directory.CreateDirectory(t.Combine("new")).FullName;
        Record(t, "rec1", from);
        var file = Path.Combine(Sessions(t), "rec1.json");
        var before = JsonDocument.Parse(File.ReadAllText(file)).RootElement;

        var plan = Plan(new AcpxRebinder(), Find(t, "rec1"), PathMap.Of(from, to));

        Assert.Equal(StepKind.WriteFile, Assert.Single(plan.Steps).Kind);
        Assert.Equal(before.ToString(), JsonDocument.Parse(File.ReadAllText(file)).RootElement.ToString());
        Assert.True(new JournalTransaction(new JournalStore(t.Combine("journal"))).Apply(plan));
        var text = File.ReadAllText(file);
        var after = JsonDocument.Parse(text).RootElement;
        Assert.Equal(to, after.GetProperty("cwd").GetString());
        Assert.Equal(7, after.GetProperty("last_seq").GetInt32());
        Assert.Equal(before.GetProperty("event_log").ToString(), after.GetProperty("event_log").ToString());
        Assert.Contains("proj ünï", text);
        Assert.EndsWith("}\n", text);
        Assert.Equal(before.EnumerateObject().Select(p => p.Name), after.EnumerateObject().Select(p => p.Name));
        Assert.Equal(to, Find(t, "rec1").Directory);
    }

    [Fact]
    public void A_moved_home_also_moves_the_event_log_path()
    {
        using var t = new TempDir("acr");
        var from = Directory.CreateDirectory(t.Combine("home", "work")).FullName;
        var otherHome = Directory.CreateDirectory(t.Combine("home2")).FullName;
        Directory.CreateDirectory(Path.Combine(otherHome, "work"));
        Record(t, "rec1", from);

        var plan = Plan(new AcpxRebinder(), Find(t, "rec1"), PathMap.Of(t.Combine("home"), otherHome));
        Assert.True(new JournalTransaction(new JournalStore(t.Combine("journal"))).Apply(plan));

        var after = JsonDocument.Parse(File.ReadAllText(Path.Combine(Sessions(t), "rec1.json"))).RootElement;
        Assert.Equal(Path.Combine(otherHome, ".acpx", "sessions", "rec1.stream.ndjson"), after.GetProperty("event_log").GetProperty("active_path").GetString());
    }

    [Fact]
    public void An_open_session_with_the_same_scope_at_the_destination_is_a_conflict()
    {
        using var t = new TempDir("acr");
        var from = Directory.CreateDirectory(t.Combine("old")).FullName;
        var to = Directory.CreateDirectory(t.Combine("new")).FullName;
        Record(t, "rec1", from);
        Record(t, "rec2", to);
        Record(t, "rec3", to, name: "other");

        var ex = Assert.Throws<SameSessionException>(() => Plan(new AcpxRebinder(), Find(t, "rec1"), PathMap.Of(from, to)));

        Assert.Equal(ErrorIds.DestinationExists, ex.Error);
        Assert.Contains("rec2.json", ex.Message);
    }
}
