using System.Text;
using SameSession.Core.Capsules.Bundle;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;
using static SameSession.Tests.Unit.Capsules.BundleTestKit;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>Bundle capsules: members written and read back one by one, a tampered member refused alone, hostile bundles refused.</summary>
public sealed class BundleCapsuleTests : IDisposable
{
    private readonly TempDir _tmp = new("bundle");

    public void Dispose() => _tmp.Dispose();

    private static readonly (CapsuleManifest, IReadOnlyList<SameSession.Core.Capsules.CapsuleFileSource>)[] Two =
    [
        Member("ClaudeCode", "6a1c", "{\"type\":\"user\",\"text\":\"first member line\"}\n"),
        Member("Codex", "019a", "{\"type\":\"event\",\"text\":\"second member line\"}\n"),
    ];

    private static SameSessionException Refusal(byte[] plain) =>
        Assert.Throws<SameSessionException>(() =>
        {
            using var reader = CapsuleTestKit.OpenPlain(plain);
            using var read = reader.ReadBundle(null);
        });

    [Fact]
    public void Every_member_is_extracted_with_its_own_manifest_and_files()
    {
        using var reader = CapsuleTestKit.OpenPlain(Plain(Two));
        Assert.Equal(BundleManifest.FormatV1, reader.Bundle!.Format);
        Assert.Equal(["sessions/0", "sessions/1"], reader.Bundle.Members.Select(m => m.Path));
        Assert.Throws<InvalidOperationException>(() => reader.Manifest);
        using var read = reader.ReadBundle(_ => _tmp.Combine("staging"));
        Assert.All(read.Members, m => Assert.True(m.Verified));
        var codex = read.Members[1];
        Assert.Equal("019a", codex.Manifest!.Session.NativeId);
        Assert.Equal("{\"type\":\"event\",\"text\":\"second member line\"}\n", File.ReadAllText(codex.Staged!.PathOf("native/sessions/019a.jsonl")));
        Assert.False(File.Exists(read.Members[0].Staged!.PathOf("native/sessions/019a.jsonl")));
        read.Dispose();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tmp.Combine("staging")));
    }

    [Fact]
    public void A_single_session_capsule_is_not_a_bundle_and_keeps_its_format()
    {
        var plain = CapsuleTestKit.Plain();
        using var reader = CapsuleTestKit.OpenPlain(plain);
        Assert.Null(reader.Bundle);
        Assert.Equal(CapsuleManifest.FormatV1, reader.Manifest.Format);
        Assert.Throws<InvalidOperationException>(() => reader.ReadBundle(null));
        Assert.StartsWith("{\n  \"format\": \"samesession.capsule/1\"", Encoding.UTF8.GetString(Gunzip(plain)[512..]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_member_is_refused_alone_and_nothing_of_it_is_staged()
    {
        var tampered = Tamper(Plain(Two), Encoding.UTF8.GetBytes("second member line"));
        using var reader = CapsuleTestKit.OpenPlain(tampered);
        using var read = reader.ReadBundle(_ => _tmp.Combine("staging"));
        Assert.True(read.Members[0].Verified);
        Assert.Equal(ErrorIds.CapsuleTampered, read.Members[1].Error!.Error);
        Assert.Equal("sessions/1/native/sessions/019a.jsonl", read.Members[1].Error!.Target);
        Assert.Null(read.Members[1].Staged);
        Assert.Null(read.Members[1].Manifest);
        Assert.Single(Directory.EnumerateDirectories(_tmp.Combine("staging")));
    }

    [Fact]
    public void A_member_manifest_changed_after_writing_refuses_that_member()
    {
        var tampered = Tamper(Plain(Two), Encoding.UTF8.GetBytes("\"native/sessions/6a1c.jsonl\""));
        using var reader = CapsuleTestKit.OpenPlain(tampered);
        using var read = reader.ReadBundle(null);
        Assert.Equal(ErrorIds.CapsuleTampered, read.Members[0].Error!.Error);
        Assert.Equal("sessions/0/manifest.json", read.Members[0].Error!.Target);
        Assert.True(read.Members[1].Verified);
    }

    [Fact]
    public void A_member_outside_its_sessions_folder_is_refused()
    {
        var (member, entry) = PinnedManifest(0, Two[0].Item1);
        var ex = Refusal(Crafted(BundleManifestEntry(member with { Path = "sessions/0/../../etc" }), entry));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
        Assert.Contains("sessions/0/", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.CapsuleCorrupt, Refusal(Crafted(BundleManifestEntry(member with { Path = "../sessions/0" }), entry)).Error);
    }

    [Fact]
    public void A_session_listed_twice_is_refused()
    {
        var (first, e0) = PinnedManifest(0, Two[0].Item1);
        var (second, e1) = PinnedManifest(1, Two[0].Item1);
        var ex = Refusal(Crafted(BundleManifestEntry(first, second), e0, e1));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
        Assert.Contains("listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_outside_every_member_fails_the_whole_bundle()
    {
        var (member, entry) = PinnedManifest(0, Two[0].Item1);
        var ex = Refusal(Crafted(BundleManifestEntry(member), entry, Entry("sessions/7/native/x.jsonl", "x")));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
        Assert.Equal("sessions/7/native/x.jsonl", ex.Target);
        Assert.Equal(ErrorIds.CapsuleCorrupt, Refusal(Crafted(BundleManifestEntry(member), entry, Entry("escape.jsonl", "x"))).Error);
        Assert.Equal(ErrorIds.CapsuleCorrupt, Refusal(Crafted(BundleManifestEntry(member), entry, Entry("x.json", "x"))).Error);
    }

    [Fact]
    public void A_member_whose_manifest_lists_a_traversal_path_is_refused_and_not_staged()
    {
        // The member manifest is pinned correctly but lists "../" paths: refused by the same rules as a single capsule.
        var hostile = Two[1].Item1 with { Files = [new CapsuleFile("native/../../escape.jsonl", "transcript", 1, new string('a', 64))] };
        var (member, entry) = PinnedManifest(0, hostile);
        var (good, goodEntry) = PinnedManifest(1, Two[0].Item1);
        var goodFile = Two[0].Item2[0];
        using var content = goodFile.Open();
        var bytes = new byte[goodFile.Measure().Size];
        content.ReadExactly(bytes);
        using var reader = CapsuleTestKit.OpenPlain(Crafted(BundleManifestEntry(member, good), entry, goodEntry, ("sessions/1/" + goodFile.Path, bytes)));
        using var read = reader.ReadBundle(_ => _tmp.Combine("staging"));
        Assert.Equal(ErrorIds.CapsuleCorrupt, read.Members[0].Error!.Error);
        Assert.True(read.Members[1].Verified);
        Assert.False(File.Exists(_tmp.Combine("escape.jsonl")));
        Assert.Single(Directory.EnumerateDirectories(_tmp.Combine("staging")));
    }

    [Fact]
    public void A_member_whose_files_are_missing_is_refused()
    {
        var (member, entry) = PinnedManifest(0, Two[0].Item1);
        using var reader = CapsuleTestKit.OpenPlain(Crafted(BundleManifestEntry(member), entry));
        using var read = reader.ReadBundle(null);
        Assert.Equal(ErrorIds.CapsuleCorrupt, read.Members[0].Error!.Error);
    }

    [Fact]
    public void A_bundle_format_from_the_future_is_unsupported()
    {
        var (member, entry) = PinnedManifest(0, Two[0].Item1);
        var future = Encoding.UTF8.GetString(BundleManifestEntry(member).Item2).Replace("samesession.bundle/1", "samesession.bundle/2", StringComparison.Ordinal);
        var ex = Assert.Throws<SameSessionException>(() => CapsuleTestKit.OpenPlain(Crafted(("manifest.json", Encoding.UTF8.GetBytes(future)), entry)));
        Assert.Equal(ErrorIds.UnsupportedFormat, ex.Error);
    }

    [Fact]
    public void Written_bundle_manifests_match_the_schema_and_the_schema_check_can_fail()
    {
        var schema = new MiniSchemaValidator(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "formats", "capsule-bundle-v1.schema.json"))).RootElement.Clone());
        var tar = Gunzip(Plain(Two));
        using var reader = CapsuleTestKit.OpenPlain(Plain(Two));
        var written = BundleJson.Serialize(reader.Bundle!);
        Assert.Empty(schema.Validate(System.Text.Json.JsonDocument.Parse(written).RootElement));
        Assert.True(tar.AsSpan().IndexOf(written) > 0);
        var (member, _) = PinnedManifest(0, Two[0].Item1);
        var hostile = BundleJson.Serialize(new BundleManifest { Created = Created, Tool = Tool, Members = [member with { Path = "sessions/../x" }] });
        Assert.Contains(schema.Validate(System.Text.Json.JsonDocument.Parse(hostile).RootElement), e => e.Contains("path", StringComparison.Ordinal));
    }
}
