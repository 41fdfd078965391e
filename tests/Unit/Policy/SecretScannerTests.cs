using System.Text;
using SameSession.Core.Errors;
using SameSession.Core.Policy;
using static SameSession.Tests.Unit.Policy.SecretSamples;

namespace SameSession.Tests.Unit.Policy;

public class SecretScannerTests
{
    private static IReadOnlyList<SecretFinding> Scan(string text) => SecretScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.jsonl");

    private static (string Output, IReadOnlyList<SecretFinding> Findings) Redact(string text, Func<SecretFinding, bool>? which = null)
    {
        var output = new MemoryStream();
        var findings = SecretScanner.Redact(new MemoryStream(Encoding.UTF8.GetBytes(text)), output, "t.jsonl", which ?? (_ => true));
        return (Encoding.UTF8.GetString(output.ToArray()), findings);
    }

    [Theory]
    [MemberData(nameof(Rules), MemberType = typeof(SecretSamples))]
    public void Each_rule_finds_its_shape_and_ignores_the_near_miss(string rule, string secret, string nearMiss)
    {
        var line = "{\"type\":\"tool_result\",\"content\":\"" + secret + "\"}";
        var findings = Scan("first line\n" + line + "\nlast\n");
        var f = Assert.Single(findings);
        Assert.Equal((rule, 2L, "t.jsonl"), (f.Rule, f.Line, f.File));
        Assert.Matches("^[0-9a-f]{12}$", f.Fingerprint);
        Assert.Empty(Scan("first line\n{\"content\":\"" + nearMiss + "\"}\n"));
    }

    [Theory]
    [MemberData(nameof(Rules), MemberType = typeof(SecretSamples))]
    public void Redaction_removes_the_secret_and_keeps_everything_else(string rule, string secret, string nearMiss)
    {
        var text = "before " + nearMiss + "\n" + "x " + secret + " y\nafter\n";
        var (output, findings) = Redact(text);
        var f = Assert.Single(findings);
        Assert.Contains($"[REDACTED:{rule}:{f.Fingerprint}]", output, StringComparison.Ordinal);
        Assert.StartsWith("before " + nearMiss + "\nx ", output, StringComparison.Ordinal);
        Assert.EndsWith(" y\nafter\n", output, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length, output.Split('\n').Length);
        Assert.Empty(Scan(output));
    }

    [Fact]
    public void Fingerprint_is_the_secret_hash_prefix_and_never_the_secret()
    {
        var token = "ghp_" + R(36, Alnum);
        var f = Assert.Single(Scan(token));
        Assert.Equal(SecretScanner.FingerprintOf(token), f.Fingerprint);
        Assert.DoesNotContain(token, f.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..16], f.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_key_has_the_same_fingerprint_raw_and_json_escaped()
    {
        var raw = Assert.Single(Scan(Pem("OPENSSH PRIVATE KEY") + "\n"));
        var escaped = Assert.Single(Scan("{\"text\":\"" + Pem("OPENSSH PRIVATE KEY", newline: "\\n") + "\\n\"}\n"));
        Assert.Equal(raw.Fingerprint, escaped.Fingerprint);
        Assert.Equal(1, raw.Line);
    }

    [Fact]
    public void A_multi_line_key_is_reported_at_its_first_line_and_redacted_entirely()
    {
        var text = "header\n" + Pem("RSA PRIVATE KEY", 20) + "\ntrailer\n";
        var (output, findings) = Redact(text);
        var f = Assert.Single(findings);
        Assert.Equal(2, f.Line);
        Assert.Equal($"header\n[REDACTED:private-key:{f.Fingerprint}]" + new string('\n', 21) + "\ntrailer\n", output);
    }

    [Fact]
    public void A_truncated_key_still_counts()
    {
        var pem = Pem("RSA PRIVATE KEY");
        var cut = pem[..(pem.Length / 2)];
        Assert.Single(Scan("{\"out\":\"" + cut.Replace("\n", "\\n", StringComparison.Ordinal) + "\"}\n"));
        Assert.Single(Scan(cut));
    }

    [Fact]
    public void Only_selected_findings_are_redacted()
    {
        var a = "ghp_" + R(36, Alnum, 1);
        var b = "npm_" + R(36, Alnum, 2);
        var (output, findings) = Redact($"{a} {b}\n", f => f.Rule == "npm-token");
        Assert.Equal(2, findings.Count);
        Assert.Contains(a, output, StringComparison.Ordinal);
        Assert.DoesNotContain(b, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_byte_identical_without_findings_even_for_binary_and_invalid_utf8()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 256)).ToArray();
        var output = new MemoryStream();
        SecretScanner.Redact(new MemoryStream(bytes), output, "b.bin", _ => true);
        Assert.Equal(bytes, output.ToArray());
    }

    [Fact]
    public void Secrets_in_a_line_longer_than_a_segment_are_found_with_the_line_number()
    {
        var token = "ghp_" + R(36, Alnum);
        var filler = string.Concat(Enumerable.Repeat("{\"k\":\"value value\"}, ", 3 * 1024 * 1024 / 22));
        var text = "one\n" + filler + token + " " + filler + token.Replace("ghp_", "gho_", StringComparison.Ordinal) + "\n";
        var (output, findings) = Redact(text);
        Assert.Equal([2L, 2L], findings.Select(f => f.Line));
        Assert.Equal(text.Length - 2 * token.Length + 2 * SecretScanner.RedactionToken("github-token", findings[0].Fingerprint).Length, output.Length);
    }

    [Fact]
    public void Policy_blocks_unless_allowed_or_redacted_and_names_the_fix()
    {
        var findings = Scan("\n\nnpm_" + R(36, Alnum) + "\n");
        var f = Assert.Single(findings);
        var ex = Assert.Throws<SameSessionException>(() => SecretPolicy.Block.Enforce(findings));
        Assert.Equal(ErrorIds.SecretFound, ex.Error);
        foreach (var part in new[] { "t.jsonl", ":3", "npm-token", f.Fingerprint, "-AllowSecret", "-RedactSecrets" })
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        new SecretPolicy(new HashSet<string> { f.Fingerprint }, false).Enforce(findings);
        new SecretPolicy(new HashSet<string>(), true).Enforce(findings);
        Assert.False(new SecretPolicy(new HashSet<string> { f.Fingerprint }, true).ShouldRedact(f));
    }

    [Theory]
    [InlineData("auth.json")]
    [InlineData("codex/.credentials.json")]
    [InlineData("config.toml")]
    [InlineData("opencode/opencode.json")]
    [InlineData(".claude/settings.json")]
    [InlineData("installation_id")]
    [InlineData("logs_2.sqlite")]
    [InlineData("logs_2.sqlite-wal")]
    [InlineData("project/.env")]
    [InlineData(".env.production")]
    [InlineData("C:\\Users\\me\\.ssh\\id_rsa")]
    [InlineData("server.pem")]
    public void Denylisted_files_are_refused(string path)
    {
        Assert.NotNull(ExportDenylist.Reason(path));
        Assert.Equal(ErrorIds.SecretFound, Assert.Throws<SameSessionException>(() => SecretPolicy.RefuseDenied(path)).Error);
    }

    [Theory]
    [InlineData("projects/-home-me-src/6a1c.jsonl")]
    [InlineData("sessions/2026/01/01/rollout-2026-01-01T00-00-00-abc.jsonl")]
    [InlineData("id_rsa.pub")]
    [InlineData(".env.example")]
    [InlineData("settings.json.md")]
    [InlineData("logs.jsonl")]
    public void Session_files_pass_the_denylist(string path) => Assert.Null(ExportDenylist.Reason(path));

    [Fact]
    public void Every_rule_has_a_sample()
    {
        var sampled = Rules().Select(r => (string)r[0]).ToHashSet();
        Assert.DoesNotContain(SecretRules.Ids, id => !sampled.Contains(id));
    }

    [Theory]
    [InlineData("ghghp_", "github-token", true)]       // needs the failure link from "gh" back into "ghp_"
    [InlineData("AKIASIA", "aws-access-key-id", true)]
    [InlineData("gh\u00e9p_", "github-token", false)]   // a non-ASCII char resets the automaton
    [InlineData("gho", "github-token", false)]
    [InlineData("xxecretAccessKeyxx", "aws-secret-access-key", true)]
    public void Anchor_index_finds_anchors_anywhere(string text, string rule, bool expected)
    {
        var bit = SecretRules.All.Select((r, i) => (r, i)).Single(p => p.r.Id == rule).i;
        Assert.Equal(expected, (SecretRules.Anchors.Find(text) & (1UL << bit)) != 0);
    }
}
