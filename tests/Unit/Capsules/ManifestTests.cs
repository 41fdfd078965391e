using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Capsules;

public class ManifestTests
{
    internal static CapsuleManifest Sample(params CapsuleFile[] files) => new()
    {
        Created = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        Tool = new ToolInfo("samesession", "0.1.0"),
        Provider = new ProviderInfo("OpenCode", "1.2.3"),
        Session = new SessionInfo("ses_abc", "Fix the build"),
        Source = SourceDescription.ForThisMachine("/home/me/src/api", "/home/me", "/home/me/.local/share/opencode") with { Os = "linux", PathFlavor = "posix" },
        Files = files.Length > 0 ? files : [new CapsuleFile("native/storage/session/ses_abc.json", "transcript", 12, new string('a', 64)), new CapsuleFile("db/opencode.db/session.jsonl", "db-rows", 40, new string('b', 64))],
    };

    internal static CapsuleManifest Full() => Sample() with
    {
        DbRows = [new DbRowSet("opencode.db", "session", "db/opencode.db/session.jsonl", 1)],
        Workspace = new WorkspaceInfo(new string('c', 40), "main", true, new string('d', 40), null),
        Redactions = [new Redaction("native/storage/session/ses_abc.json", 3, "github-token", "0123456789ab")],
        ImportedFrom = [new Provenance(DateTimeOffset.UnixEpoch, "0.1.0", "C:\\Users\\me\\api", "windows", DateTimeOffset.UnixEpoch.AddDays(1), new string('e', 64))],
    };

    private static MiniSchemaValidator Schema()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "formats", "capsule-manifest-v1.schema.json"));
        return new MiniSchemaValidator(JsonDocument.Parse(text).RootElement.Clone());
    }

    private static List<string> SchemaErrors(byte[] json) => Schema().Validate(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Produced_manifests_match_the_schema()
    {
        Assert.Empty(SchemaErrors(ManifestJson.Serialize(Sample())));
        Assert.Empty(SchemaErrors(ManifestJson.Serialize(Full())));
    }

    [Fact]
    public void The_schema_check_can_fail()
    {
        var node = JsonNode.Parse(ManifestJson.Serialize(Full()))!;
        node["extra"] = 1;
        node["files"]![0]!["sha256"] = "XYZ";
        node["source"]!.AsObject().Remove("home");
        node["created"] = "2026-05-01 12:00";
        var errors = SchemaErrors(Encoding.UTF8.GetBytes(node.ToJsonString()));
        Assert.Contains(errors, e => e.Contains("unexpected 'extra'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.files[0].sha256", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("missing 'home'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.created", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_schema_property_exists_in_the_produced_json_and_back()
    {
        // additionalProperties:false on both sides: the schema's property list and the serializer's must be the same set.
        var produced = JsonDocument.Parse(ManifestJson.Serialize(Full())).RootElement;
        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "formats", "capsule-manifest-v1.schema.json"))).RootElement;
        Assert.Equal(schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(), produced.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(schema.GetProperty("required").EnumerateArray().Select(p => p.GetString()).Order(), produced.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void Round_trips()
    {
        var m = Full();
        var back = ManifestJson.Parse(ManifestJson.Serialize(m));
        Assert.Equal(ManifestJson.Serialize(m), ManifestJson.Serialize(back));
        Assert.Equal("ses_abc", back.Session.NativeId);
        Assert.Equal("src/api", back.Source.CwdRelativeToHome);
        Assert.Equal(52, back.TotalSize());
    }

    [Fact]
    public void Snake_case_and_z_instants_on_disk()
    {
        var json = Encoding.UTF8.GetString(ManifestJson.Serialize(Full()));
        Assert.Contains("\"native_id\": \"ses_abc\"", json, StringComparison.Ordinal);
        Assert.Contains("\"created\": \"2026-05-01T12:00:00.000Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"imported_from\"", json, StringComparison.Ordinal);
    }

    private static SameSessionException ParseFails(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(ManifestJson.Serialize(Full()))!;
        edit(node);
        return Assert.Throws<SameSessionException>(() => ManifestJson.Parse(Encoding.UTF8.GetBytes(node.ToJsonString())));
    }

    [Fact]
    public void Another_format_version_is_unsupported()
    {
        Assert.Equal(ErrorIds.UnsupportedFormat, ParseFails(n => n["format"] = "samesession.capsule/2").Error);
        Assert.Equal(ErrorIds.UnsupportedFormat, ParseFails(n => n["format"] = "something-else").Error);
    }

    public static TheoryData<string> CorruptEdits() => ["no format", "unknown field", "bad sha", "traversal path", "duplicate path", "bad role", "negative size", "unknown provider", "rows without file", "not json", "array", "bad date", "missing source", "manifest lists itself", "bad os"];

    [Theory]
    [MemberData(nameof(CorruptEdits))]
    public void Malformed_manifests_are_corrupt(string edit)
    {
        if (edit is "not json" or "array")
        {
            var bytes = edit == "not json" ? "{\"format\":"u8.ToArray() : "[]"u8.ToArray();
            Assert.Equal(ErrorIds.CapsuleCorrupt, Assert.Throws<SameSessionException>(() => ManifestJson.Parse(bytes)).Error);
            return;
        }
        var ex = ParseFails(n =>
        {
            var f0 = n["files"]![0]!;
            switch (edit)
            {
                case "no format": n.AsObject().Remove("format"); break;
                case "unknown field": n["surprise"] = true; break;
                case "bad sha": f0["sha256"] = "abc"; break;
                case "traversal path": f0["path"] = "native/../../etc/passwd"; break;
                case "duplicate path": n["files"]![1]!["path"] = ((string)f0["path"]!).ToUpperInvariant(); break;
                case "bad role": f0["role"] = "Transcript!"; break;
                case "negative size": f0["size"] = -1; break;
                case "unknown provider": n["provider"]!["name"] = "Cursor"; break;
                case "rows without file": n["db_rows"]![0]!["path"] = "db/nope.jsonl"; break;
                case "bad date": n["created"] = "2026-05-01T12:00:00+02:00"; break;
                case "missing source": n.AsObject().Remove("source"); break;
                case "manifest lists itself": f0["path"] = "manifest.json"; break;
                case "bad os": n["source"]!["os"] = "beos"; break;
            }
        });
        Assert.True(ex.Error == ErrorIds.CapsuleCorrupt, $"{edit}: {ex.Error.Name} {ex.Message}");
    }

    [Theory]
    [InlineData("/home/me/src/api", "/home/me", false, "src/api")]
    [InlineData("/home/me", "/home/me/", false, "")]
    [InlineData("/home/meow/x", "/home/me", false, null)]
    [InlineData("/srv/x", "/home/me", false, null)]
    [InlineData("C:\\Users\\Me\\src\\api", "c:\\users\\me", true, "src/api")]
    [InlineData("D:\\api", "C:\\Users\\me", true, null)]
    public void Relative_to_home(string cwd, string home, bool windows, string? expected) =>
        Assert.Equal(expected, SourceDescription.RelativeToHome(cwd, home, windows));
}
