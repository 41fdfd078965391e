using System.Text.Json;
using SameSession.Core.Errors;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers.Gemini;

public class GeminiRebindTests
{
    private const string Sid = "0b6e5c1a-6f3e-4c1e-9d55-6f0a6c7e2d11";

    private static string Home(TempDir t) => t.Combine("home", ".gemini");

    private static string Line(object o) => JsonSerializer.Serialize(o) + "\n";

    private static void Chat(string file, string id) => WriteFile(file,
        Line(new { sessionId = id, projectHash = "h", startTime = "2026-11-20T09:00:00Z", lastUpdated = "2026-11-20T09:00:00Z" }) +
        Line(new { id = "m1", type = "user", content = "hello" }));

    private static AgentSession Find(TempDir t, string id) => Discover(new GeminiProvider(), Env(t)).Sessions.Single(s => s.Id == id);

    private static (string From, string To) Project(TempDir t, string destinationName = "api")
    {
        var from = Directory.CreateDirectory(t.Combine("old", "api")).FullName;
        var to = Directory.CreateDirectory(t.Combine("new", destinationName)).FullName;
        WriteFile(Path.Combine(Home(t), "projects.json"), JsonSerializer.Serialize(new { projects = new Dictionary<string, string> { [from] = "api" } }));
        WriteFile(Path.Combine(Home(t), "tmp", "api", ".project_root"), from);
        var chats = Path.Combine(Home(t), "tmp", "api", "chats");
        Chat(Path.Combine(chats, "session-2026-11-20T09-00-0b6e5c1a.jsonl"), Sid);
        Chat(Path.Combine(chats, "session-2026-11-20T10-00-99999999.jsonl"), "99999999-0000-0000-0000-000000000000");
        Chat(Path.Combine(chats, Sid, "sub1.jsonl"), "11111111-0000-0000-0000-000000000000");
        WriteFile(Path.Combine(Home(t), "tmp", "api", Sid, "plans", "plan.md"), "# plan");
        return (from, to);
    }

    [Fact]
    public void Moves_the_chat_its_subagents_and_sidecar_into_a_new_slug_and_registers_the_destination()
    {
        using var t = new TempDir("gmr");
        var (from, to) = Project(t);

        var plan = Plan(new GeminiRebinder(), Find(t, Sid), PathMap.Of(from, to));
        Assert.True(new JournalTransaction(new JournalStore(t.Combine("journal"))).Apply(plan));

        var slugDir = Path.Combine(Home(t), "tmp", "api-1");
        Assert.True(File.Exists(Path.Combine(slugDir, "chats", "session-2026-11-20T09-00-0b6e5c1a.jsonl")));
        Assert.True(File.Exists(Path.Combine(slugDir, "chats", Sid, "sub1.jsonl")));
        Assert.True(File.Exists(Path.Combine(slugDir, Sid, "plans", "plan.md")));
        Assert.Equal(to, File.ReadAllText(Path.Combine(slugDir, ".project_root")));
        var registry = JsonDocument.Parse(File.ReadAllText(Path.Combine(Home(t), "projects.json"))).RootElement.GetProperty("projects");
        Assert.Equal("api", registry.GetProperty(from).GetString());
        Assert.Equal("api-1", registry.GetProperty(to).GetString());
        var sessions = Discover(new GeminiProvider(), Env(t)).Sessions.ToDictionary(s => s.Id[..8]);
        Assert.Equal(to, sessions["0b6e5c1a"].Directory);
        Assert.Equal(to, sessions["11111111"].Directory);
        Assert.Equal(from, sessions["99999999"].Directory);
    }

    [Fact]
    public void A_destination_gemini_already_knows_keeps_its_slug_and_registry()
    {
        using var t = new TempDir("gmr");
        var (from, to) = Project(t, "svc");
        WriteFile(Path.Combine(Home(t), "projects.json"),
            JsonSerializer.Serialize(new { projects = new Dictionary<string, string> { [from] = "api", [to] = "svc" } }));
        var registryBefore = File.ReadAllText(Path.Combine(Home(t), "projects.json"));

        var plan = Plan(new GeminiRebinder(), Find(t, Sid), PathMap.Of(from, to));

        Assert.DoesNotContain(plan.Steps, s => s.Kind == StepKind.WriteFile);
        Assert.True(new JournalTransaction(new JournalStore(t.Combine("journal"))).Apply(plan));
        Assert.Equal(registryBefore, File.ReadAllText(Path.Combine(Home(t), "projects.json")));
        Assert.True(File.Exists(Path.Combine(Home(t), "tmp", "svc", "chats", "session-2026-11-20T09-00-0b6e5c1a.jsonl")));
        Assert.Equal(to, Find(t, Sid).Directory);
    }

    [Fact]
    public void A_chat_already_at_the_destination_is_a_conflict()
    {
        using var t = new TempDir("gmr");
        var (from, to) = Project(t, "svc");
        Chat(Path.Combine(Home(t), "tmp", "svc", "chats", "session-2026-11-20T09-00-0b6e5c1a.jsonl"), "other-id");
        WriteFile(Path.Combine(Home(t), "tmp", "svc", ".project_root"), to);

        var ex = Assert.Throws<SameSessionException>(() => Plan(new GeminiRebinder(), Find(t, Sid), PathMap.Of(from, to)));

        Assert.Equal(ErrorIds.DestinationExists, ex.Error);
    }

    [Theory]
    [InlineData("My App", "my-app")]
    [InlineData("__weird__Name!!", "weird-name")]
    [InlineData("空间", "project")]
    [InlineData("proj ünï 空间", "proj-n")]
    public void Slugs_follow_gemini(string name, string slug) => Assert.Equal(slug, GeminiSlugs.Slugify(name));
}
