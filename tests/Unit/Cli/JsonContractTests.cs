using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SameSession.Cli;
using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;
using SameSession.Core.Infrastructure;
using SameSession.Core.Operations.Doctor;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Operations.Import;
using SameSession.Core.Operations.Inspect;
using SameSession.Core.Operations.Move;
using SameSession.Core.Policy;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Capsules;

namespace SameSession.Tests.Unit.Cli;

/// <summary>
/// The compile-time JSON contracts (which the native CLI needs: it has no reflection-based serializer) write exactly
/// what the reflection-based serializer wrote with the same options, for every result the CLI prints and every
/// document Core writes (manifests, journals), so files and scripts made by earlier builds keep working.
/// </summary>
public sealed class JsonContractTests
{
    private static JsonSerializerOptions Reflection(JsonSerializerOptions options) =>
        new(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly JsonSerializerOptions CliReflection = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions JournalReflection = new() { WriteIndented = true, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private static readonly JsonSerializerOptions DefaultReflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly ErrorReport Error = new("SessionLive", "Conflict", "/home/u/.claude/projects/-x/a.jsonl", "Close \"claude\" first ✓", 21);

    internal static readonly AgentSession Session = new()
    {
        Provider = AgentProvider.Codex, Id = "019a-ü", Title = "t <b> & \"q\"", Directory = "/home/u/src/ünï", ProjectRoot = "/home/u/src",
        Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)), MessageCount = 3, SizeBytes = 10, Files = ["/a", "/b"],
    };

    private static void SameAsReflection<T>(T value, JsonTypeInfo<T> contract, JsonSerializerOptions reflection)
    {
        var generated = JsonSerializer.Serialize(value, contract);
        Assert.Equal(JsonSerializer.Serialize(value, reflection), generated);
        Assert.True(generated.Length > 2, generated);
    }

    public static TheoryData<string> CliResults() => ["sessions", "move", "export", "import", "doctor", "identity", "identities", "capsule", "error"];

    [Theory]
    [MemberData(nameof(CliResults))]
    public void Cli_results_are_written_as_the_reflection_serializer_wrote_them(string result)
    {
        var c = CliJson.Context;
        var manifest = ManifestTests.Full();
        var bundle = new BundleManifest { Created = BundleTestKit.Created, Tool = BundleTestKit.Tool, Members = [BundleTestKit.PinnedManifest(0, manifest).Member] };
        var imported = new ImportResult(Session, manifest, "/dest ü", true, "ab12", "/backup");
        switch (result)
        {
            case "sessions": SameAsReflection<IReadOnlyList<AgentSession>>([Session, new AgentSession { Provider = AgentProvider.Gemini, Id = "g" }], c.IReadOnlyListAgentSession, CliReflection); break;
            case "move":
                SameAsReflection<IReadOnlyList<MoveResult>>(
                [
                    new MoveResult { Provider = AgentProvider.OpenCode, Id = "ses_1", Status = MoveStatus.Moved, OldDirectory = "/a", NewDirectory = "/b ü", Plan = ["move /a -> /b"], Session = Session, Reason = "r" },
                    new MoveResult { Provider = AgentProvider.Acpx, Id = "x", Status = MoveStatus.Failed, Error = Error },
                ], c.IReadOnlyListMoveResult, CliReflection);
                break;
            case "export":
                SameAsReflection<List<object>>(
                [
                    new ExportResult("/out/a.age", 123, manifest, [new SecretFinding("f.jsonl", 3, "aws-access-key", "ab:cd")]),
                    new BundleExportResult("/out/b.age", 456, bundle, [manifest], []),
                ], c.ListObject, CliReflection);
                break;
            case "import":
                SameAsReflection<List<object>>([imported, ImportOutcome.Installed(imported), ImportOutcome.Failed("Codex", "y", Error)], c.ListObject, CliReflection);
                break;
            case "doctor":
                SameAsReflection(new DoctorReport
                {
                    SameSessionVersion = "0.1.0", DotNetRuntime = "8.0", OperatingSystem = "Linux", RuntimeIdentifier = "linux-x64", GitVersion = "2.39",
                    Agents = [new AgentHomeStatus { Provider = "ClaudeCode", Home = "/h/.claude", HomeExists = true, OverrideVariable = "CLAUDE_CONFIG_DIR", CliPath = "/bin/claude" }],
                }, c.DoctorReport, CliReflection);
                break;
            case "identity": SameAsReflection(new IdentityInfo { Path = "/k", Type = "X25519", Recipient = "age1x", Secret = "AGE-SECRET-KEY-1" }, c.IdentityInfo, CliReflection); break;
            case "identities": SameAsReflection<IReadOnlyList<IdentityInfo>>([new IdentityInfo { Path = "/k", Type = "ssh-ed25519", Recipient = "ssh-ed25519 AAAA" }], c.IReadOnlyListIdentityInfo, CliReflection); break;
            case "capsule":
                SameAsReflection(new CapsuleInfo("/c.age", 9, true, ["X25519"], manifest, true), c.CapsuleInfo, CliReflection);
                SameAsReflection(new CapsuleInfo("/b.age", 9, false, ["scrypt"], null, null, bundle, [CapsuleMemberInfo.Listed(bundle.Members[0]) with { Error = Error }]), c.CapsuleInfo, CliReflection);
                break;
            case "error": Assert.Equal(JsonSerializer.Serialize(new { error = Error }, CliReflection), CliJson.Serialize(new CliError(Error), c.CliError)); break;
            default: throw new ArgumentOutOfRangeException(nameof(result));
        }
    }

    [Fact]
    public void Manifests_are_written_and_read_as_with_the_reflection_serializer()
    {
        var reflection = Reflection(ManifestJson.Options);
        var manifest = ManifestTests.Full();
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(manifest, reflection), ManifestJson.Serialize(manifest));
        Assert.Equal(manifest.Created, ManifestJson.Parse(JsonSerializer.SerializeToUtf8Bytes(manifest, reflection)).Created);
        var bundle = new BundleManifest { Created = BundleTestKit.Created, Tool = BundleTestKit.Tool, Members = [BundleTestKit.PinnedManifest(0, manifest).Member] };
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(bundle, reflection), BundleJson.Serialize(bundle));
    }

    [Fact]
    public void Journal_records_with_every_sql_parameter_type_are_written_as_before_and_read_back()
    {
        var reflection = JournalReflection;
        var parameters = new Dictionary<string, object?> { ["$s"] = "ü \"x\"", ["$l"] = 1L << 40, ["$i"] = 7, ["$d"] = 1.5, ["$b"] = true, ["$bytes"] = new byte[] { 0, 255 }, ["$n"] = null };
        var record = new JournalRecord
        {
            Id = "20260101-x", Description = "move ü", State = JournalState.Prepared, Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Steps =
            [
                new JournalStep { Kind = StepKind.Move, Path = "/b", From = "/a", Existed = true },
                new JournalStep { Kind = StepKind.Sql, Path = "/db", Statements = [new SqlStatement("UPDATE t SET a=$s", parameters)], Probe = new SqlProbe("SELECT 1", parameters, 1) },
            ],
        };
        var expected = JsonSerializer.Serialize(record, reflection);
        Assert.Equal(expected, JsonSerializer.Serialize(record, JournalJsonContext.Default.JournalRecord));
        // Recovery rewrites a record it read (parameters are JsonElements by then): the bytes stay the same.
        var reread = JsonSerializer.Deserialize(expected, JournalJsonContext.Default.JournalRecord)!;
        Assert.IsType<JsonElement>(reread.Steps[1].Statements![0].Parameters["$s"]);
        Assert.Equal(expected, JsonSerializer.Serialize(reread, JournalJsonContext.Default.JournalRecord));
    }

    [Fact]
    public void Core_values_are_written_as_with_default_options()
    {
        var reflection = DefaultReflection;
        const string key = "/home/ü/<a> & 'b' \"c\"";
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(key, reflection), JsonSerializer.SerializeToUtf8Bytes(key, CoreJsonContext.Default.String));
        var state = JsonNode.Parse("""{"cwd":"ü","n":1,"a":[true,null],"o":{"x":"<y>"}}""")!.AsObject();
        Assert.Equal(JsonSerializer.SerializeToElement(state, reflection).GetRawText(), JsonSerializer.SerializeToElement(state, CoreJsonContext.Default.JsonObject).GetRawText());
        var metadata = new Dictionary<string, JsonElement> { ["sessionId"] = JsonDocument.Parse("\"s ü\"").RootElement, ["n"] = JsonDocument.Parse("[1,{\"a\":2}]").RootElement };
        Assert.Equal(JsonSerializer.SerializeToElement(metadata, reflection).GetRawText(), JsonSerializer.SerializeToElement(metadata, CoreJsonContext.Default.DictionaryStringJsonElement).GetRawText());
    }
}
