using System.Text;
using System.Text.Json;
using SameSession.Core.Capsules.Acpx;
using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Capsules.Acpx;

public class AcpxArchiveTests
{
    /// <summary>An archive as acpx 0.10 writes it (JSON.stringify(archive, null, 2) + "\n"), with an acpx.session.v1 state.</summary>
    private const string AcpxWritten = """
        {
          "format_version": 1,
          "exported_at": "2026-05-20T10:00:00.000Z",
          "exported_by": "me",
          "session": {
            "record_id": "source-record",
            "name": "debug",
            "agent": "npx @zed-industries/codex-acp",
            "cwd_relative": "workspace",
            "cwd_absolute_original": "/home/me/workspace",
            "created_at": "2026-01-01T00:00:00.000Z",
            "updated_at": "2026-01-01T00:00:00.000Z",
            "state": {
              "schema": "acpx.session.v1",
              "acpx_record_id": "source-record",
              "acp_session_id": "provider-session",
              "agent_session_id": "019a-thread",
              "agent_command": "npx @zed-industries/codex-acp",
              "cwd": "/home/me/workspace",
              "name": "debug",
              "created_at": "2026-01-01T00:00:00.000Z",
              "last_used_at": "2026-01-01T00:00:00.000Z",
              "last_seq": 0,
              "event_log": {
                "active_path": "/home/me/.acpx/sessions/source-record.stream.ndjson",
                "segment_count": 3,
                "max_segment_bytes": 1024,
                "max_segments": 5,
                "last_write_at": "2026-01-01T00:00:00.000Z",
                "last_write_error": null
              },
              "closed": false,
              "pid": 4242,
              "title": null,
              "messages": [
                {
                  "User": {
                    "id": "user-1",
                    "content": [
                      {
                        "Text": "hello"
                      }
                    ]
                  }
                }
              ],
              "updated_at": "2026-01-01T00:00:00.000Z",
              "cumulative_token_usage": {},
              "request_token_usage": {},
              "acpx": {},
              "future_field": [1, 2]
            }
          },
          "history": [
            {
              "jsonrpc": "2.0",
              "method": "session/update",
              "params": {
                "text": "one"
              }
            },
            {
              "jsonrpc": "2.0",
              "method": "session/update",
              "params": {
                "text": "twö"
              }
            }
          ]
        }

        """;

    private static (AcpxArchiveHeader Header, List<string> History) Read(string json, int buffer = 64 * 1024)
    {
        var history = new List<string>();
        var header = AcpxArchive.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), e => history.Add(e.GetRawText()), buffer);
        return (header, history);
    }

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(16)]
    [InlineData(1)]
    public void Reads_an_archive_acpx_wrote_with_any_buffer_size(int buffer)
    {
        var (h, history) = Read(AcpxWritten, buffer);
        Assert.Equal(("source-record", "debug", "npx @zed-industries/codex-acp", "workspace", "/home/me/workspace"), (h.RecordId, h.Name, h.Agent, h.CwdRelative, h.CwdAbsoluteOriginal));
        Assert.Equal(("2026-05-20T10:00:00.000Z", "me"), (h.ExportedAt, h.ExportedBy));
        Assert.Equal("provider-session", h.State.GetProperty("acp_session_id").GetString());
        Assert.Equal(2, history.Count);
        Assert.Contains("twö", JsonDocument.Parse(history[1]).RootElement.GetProperty("params").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_produces_the_acpx_shape_and_reads_back()
    {
        var (h, history) = Read(AcpxWritten);
        var output = new MemoryStream();
        AcpxArchive.Write(output, h, ["", .. history.Select(l => JsonSerializer.Serialize(JsonDocument.Parse(l).RootElement)), "  "]);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"format_version\": 1,\n  \"exported_at\": ", text, StringComparison.Ordinal);
        Assert.Contains("twö", text, StringComparison.Ordinal);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["format_version", "exported_at", "exported_by", "session", "history"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["record_id", "name", "agent", "cwd_relative", "cwd_absolute_original", "created_at", "updated_at", "state"], root.GetProperty("session").EnumerateObject().Select(p => p.Name));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(AcpxWritten).RootElement, root));

        var (again, history2) = Read(text, 7);
        Assert.Equal(h.RecordId, again.RecordId);
        Assert.Equal(history, history2.Select(l => JsonDocument.Parse(l).RootElement.GetRawText()));
    }

    [Fact]
    public void A_large_history_streams_through_a_small_buffer()
    {
        var (h, _) = Read(AcpxWritten);
        var lines = Enumerable.Range(0, 5000).Select(i => $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"result\":{{\"text\":\"{new string('x', i % 300)}\"}}}}");
        var output = new MemoryStream();
        AcpxArchive.Write(output, h, lines);
        var ids = new List<long>();
        output.Position = 0;
        AcpxArchive.Read(output, e => ids.Add(e.GetProperty("id").GetInt64()), 256);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), ids);
    }

    [Theory]
    [InlineData("{\"format_version\":2,\"history\":[]}", "UnsupportedFormat")]
    [InlineData("{\"format_version\":\"1\",\"history\":[]}", "UnsupportedFormat")]
    [InlineData("{\"history\":[]}", "UnsupportedFormat")]
    [InlineData("[1]", "CapsuleCorrupt")]
    [InlineData("{\"format_version\":1,\"exported_at\":\"x\",\"exported_by\":\"y\",\"session\":{},\"history\":[]}", "CapsuleCorrupt")]
    [InlineData("{\"format_version\":1,\"exported_at\":\"x\",\"exported_by\":\"y\",\"history\":[]}", "CapsuleCorrupt")]
    [InlineData("{\"format_version\":1,\"exported_at\":\"x\",\"exported_by\":\"y\",\"history\":[{\"a\":1}", "CapsuleCorrupt")]
    [InlineData("{\"format_version\":1,\"exported_at\":\"x\",\"exported_by\":\"y\",\"history\":{}}", "CapsuleCorrupt")]
    [InlineData("{\"format_version\":1} {}", "CapsuleCorrupt")]
    [InlineData("", "CapsuleCorrupt")]
    public void Refuses_other_versions_and_malformed_archives(string json, string id)
    {
        var ex = Assert.Throws<SameSessionException>(() => Read(json));
        Assert.Equal(id, ex.Error.Name);
    }

    [Fact]
    public void Truncation_anywhere_is_refused()
    {
        for (var cut = 0; cut < AcpxWritten.Length - 2; cut += 37)
        {
            var ex = Assert.Throws<SameSessionException>(() => Read(AcpxWritten[..cut], 16));
            Assert.True(ex.Error == ErrorIds.CapsuleCorrupt || ex.Error == ErrorIds.UnsupportedFormat, $"cut {cut}: {ex.Error.Name}");
        }
    }

    [Fact]
    public void Unknown_keys_are_ignored_as_acpx_does()
    {
        var json = AcpxWritten.Replace("\"exported_by\": \"me\",", "\"exported_by\": \"me\", \"extra\": {\"deep\": [1, {\"x\": null}]},", StringComparison.Ordinal);
        Assert.Equal("me", Read(json).Header.ExportedBy);
    }

    [Fact]
    public void Imported_record_gets_a_new_id_cwd_log_and_provenance_and_keeps_provider_ids()
    {
        var (h, _) = Read(AcpxWritten);
        var record = AcpxImportedRecord.Build(h, hasHistory: true, "new-id", "/home/you/workspace", "/home/you/.acpx/sessions/new-id.stream.ndjson");
        Assert.Equal("new-id", (string?)record["acpx_record_id"]);
        Assert.Equal("/home/you/workspace", (string?)record["cwd"]);
        Assert.Equal("debug", (string?)record["name"]);
        Assert.Equal("provider-session", (string?)record["acp_session_id"]);
        Assert.Equal("019a-thread", (string?)record["agent_session_id"]);
        Assert.Equal(1, (int?)record["event_log"]!["segment_count"]);
        Assert.Equal(5, (int?)record["event_log"]!["max_segments"]);
        Assert.Equal("/home/you/.acpx/sessions/new-id.stream.ndjson", (string?)record["event_log"]!["active_path"]);
        Assert.False(record.ContainsKey("pid"));
        Assert.Equal("source-record", (string?)record["imported_from"]!["record_id"]);
        Assert.Equal("workspace", (string?)record["imported_from"]!["cwd_original"]); // acpx 0.19.1: cwd_original ?? cwd_relative
        Assert.NotNull(record["future_field"]);
        Assert.Equal("renamed", (string?)AcpxImportedRecord.Build(h, false, "n", "/c", "/p", name: "renamed")["name"]);
        Assert.Equal(3, (int?)AcpxImportedRecord.Build(h, false, "n", "/c", "/p")["event_log"]!["segment_count"]);

        var stream = new MemoryStream();
        AcpxImportedRecord.WriteHistoryLine(stream, JsonDocument.Parse("{\"a\": \"ö\"}").RootElement);
        Assert.Equal("{\"a\":\"ö\"}\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Cwd_rules_match_acpx()
    {
        var home = Path.Combine(Path.GetTempPath(), "h");
        Assert.Equal(Path.Combine("repos", "api"), AcpxArchive.CwdRelative(Path.Combine(home, "repos", "api"), home));
        Assert.Equal(".", AcpxArchive.CwdRelative(home, home)); // acpx 0.19.1 cwdRelativeToHome
        Assert.Equal(home, AcpxArchive.ResolveCwd(".", home));
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere");
        Assert.Equal(outside, AcpxArchive.CwdRelative(outside, home));
        Assert.Equal(Path.Combine(home, "repos"), AcpxArchive.ResolveCwd("repos", home));
        Assert.Equal(outside, AcpxArchive.ResolveCwd(outside, home));
        Assert.Equal(Path.GetFullPath("/x"), AcpxArchive.ResolveCwd("repos", home, "/x"));
    }

    [Fact]
    public void Segment_paths_run_oldest_first_with_encoded_ids()
    {
        var paths = AcpxArchive.SegmentPaths("/s", "a b/c", 2).Select(Path.GetFileName).ToList();
        Assert.Equal(["a%20b%2Fc.stream.2.ndjson", "a%20b%2Fc.stream.1.ndjson", "a%20b%2Fc.stream.ndjson"], paths);
        Assert.Equal("ses_1!~*'()-._", AcpxArchive.EncodeUriComponent("ses_1!~*'()-._"));
    }

    [Fact]
    public void A_bad_history_line_is_refused_on_write()
    {
        var (h, _) = Read(AcpxWritten);
        var ex = Assert.Throws<SameSessionException>(() => AcpxArchive.Write(new MemoryStream(), h, ["{}", "{broken"]));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
        Assert.Contains("Line 2", ex.Message, StringComparison.Ordinal);
    }
}
