using System.Text;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Import;
using SameSession.Core.Operations.Inspect;
using SameSession.Core.Policy;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Policy;

namespace SameSession.Tests.Unit.Operations;

public sealed class ExportImportOperationTests : IDisposable
{
    private readonly TempDir _dir = new("expimp");
    private readonly X25519Identity _key = X25519Identity.Generate();
    private static readonly string Token = "ghp_" + SecretSamples.R(36, SecretSamples.Alnum);

    private string SourceHome => _dir.Combine("alice");
    private string ProviderHome => Path.Combine(SourceHome, ".fake");
    private string TranscriptPath => Path.Combine(ProviderHome, "projects", "p", "s1.jsonl");
    private string CapsulePath => _dir.Combine("s1.capsule");
    private string Scratch => Directory.CreateDirectory(_dir.Combine("scratch")).FullName;

    public ExportImportOperationTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TranscriptPath)!);
        File.WriteAllText(TranscriptPath, "{\"cwd\":\"/x\"}\n{\"text\":\"hello\"}\n");
    }

    public void Dispose() => _dir.Dispose();

    private AgentSession Session(bool live = false) => new()
    {
        Provider = AgentProvider.ClaudeCode,
        Id = "s1",
        Title = "Fix it",
        Directory = Path.Combine(SourceHome, "src", "api"),
        IsLive = live,
    };

    private sealed class FakeCollector(string providerHome, IReadOnlyList<CollectedFile> files) : ISessionCollector
    {
        public AgentProvider Provider => AgentProvider.ClaudeCode;

        public CollectedSession Collect(AgentSession session, AgentEnvironment environment) =>
            new(providerHome, files, [new CollectedRows("state.db", "threads", 1, () => new MemoryStream("{\"id\":\"s1\"}\n"u8.ToArray()))], "2.1.3");
    }

    /// <summary>Copies native entries under its home; identical content already there is a no-op.</summary>
    private sealed class FakeInstaller(string home) : ISessionInstaller
    {
        public AgentProvider Provider => AgentProvider.ClaudeCode;
        public ImportTarget? LastTarget { get; private set; }

        public string StagingParent(AgentEnvironment environment) => home;

        public ImportedSession Install(StagedCapsule staged, ImportTarget target)
        {
            LastTarget = target;
            var changed = false;
            foreach (var f in staged.Manifest.Files)
            {
                if (CapsulePaths.RelativeToProviderHome(f.Path) is not { } rel) continue;
                var dest = Path.Combine(home, rel);
                var bytes = File.ReadAllBytes(staged.PathOf(f.Path));
                if (File.Exists(dest) && File.ReadAllBytes(dest).AsSpan().SequenceEqual(bytes)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.WriteAllBytes(dest, bytes);
                changed = true;
            }
            return new ImportedSession(new AgentSession { Provider = Provider, Id = staged.Manifest.Session.NativeId, Directory = target.Cwd }, changed);
        }
    }

    private ExportResult? Export(SecretPolicy? policy = null, bool live = false, bool force = false, RecordingObserver? observer = null, params CollectedFile[] extra) =>
        new ExportOperation(new FakeCollector(ProviderHome, [new CollectedFile(TranscriptPath, "projects/p/s1.jsonl", "transcript"), .. extra]),
                new AgentEnvironment(SourceHome), observer ?? new RecordingObserver(), "0.1.0", scratch: Scratch)
            .Run(new ExportRequest(Session(live), CapsulePath, [_key.Recipient], policy ?? SecretPolicy.Block, Force: force));

    private (ImportResult? Result, FakeInstaller Installer, string Home) Import(string? destination = null, RecordingObserver? observer = null)
    {
        var home = _dir.Combine("bob");
        var installer = new FakeInstaller(Path.Combine(home, ".fake"));
        var result = new ImportOperation([installer], new AgentEnvironment(home), observer ?? new RecordingObserver())
            .Run(new ImportRequest(CapsulePath, [_key], destination));
        return (result, installer, home);
    }

    [Fact]
    public void Export_then_import_moves_the_session_under_the_new_home()
    {
        var exported = Export()!;
        Assert.Equal(["db/state.db/threads.jsonl", "native/projects/p/s1.jsonl"], exported.Manifest.Files.Select(f => f.Path));
        Assert.Equal("src/api", exported.Manifest.Source.CwdRelativeToHome);
        Assert.Equal(ProviderHome, exported.Manifest.Source.ProviderHome);
        Assert.Equal(new ProviderInfo("ClaudeCode", "2.1.3"), exported.Manifest.Provider);
        Assert.Equal(new FileInfo(CapsulePath).Length, exported.Size);

        var (result, installer, home) = Import();
        Assert.NotNull(result);
        Assert.Equal(Path.Combine(home, "src", "api"), result.Cwd);
        Assert.True(result.Changed);
        Assert.Equal(File.ReadAllText(TranscriptPath), File.ReadAllText(Path.Combine(home, ".fake", "projects", "p", "s1.jsonl")));
        Assert.Equal(Path.Combine(SourceHome, "src", "api"), installer.LastTarget!.Provenance.SourceCwd);
        Assert.Matches("^[0-9a-f]{64}$", result.CapsuleSha256);
        Assert.Empty(Directory.GetDirectories(Path.Combine(home, ".fake"), ".samesession-staging-*"));

        var again = Import().Result!;
        Assert.False(again.Changed);
        Assert.Equal(result.CapsuleSha256, again.CapsuleSha256);
    }

    [Fact]
    public void A_secret_blocks_the_export_and_leaves_no_file()
    {
        File.AppendAllText(TranscriptPath, $"{{\"text\":\"token {Token}\"}}\n");
        var ex = Assert.Throws<SameSessionException>(() => Export());
        Assert.Equal(ErrorIds.SecretFound, ex.Error);
        Assert.Contains(TranscriptPath + ":3", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SecretScanner.FingerprintOf(Token), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CapsulePath));
        Assert.Equal([Path.GetFileName(SourceHome), "scratch"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(Scratch));
    }

    [Fact]
    public void An_allowed_fingerprint_exports_the_secret_with_a_warning()
    {
        File.AppendAllText(TranscriptPath, $"{{\"text\":\"token {Token}\"}}\n");
        var observer = new RecordingObserver();
        var exported = Export(new SecretPolicy(new HashSet<string> { SecretScanner.FingerprintOf(Token) }, false), observer: observer)!;
        Assert.Single(exported.Findings);
        Assert.Single(observer.Warnings);
        Assert.Empty(exported.Manifest.Redactions);
        Import();
        Assert.Contains(Token, File.ReadAllText(_dir.Combine("bob", ".fake", "projects", "p", "s1.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_changes_only_the_capsule_and_the_manifest_hashes_the_redacted_copy()
    {
        File.AppendAllText(TranscriptPath, $"{{\"text\":\"token {Token}\"}}\n");
        var original = File.ReadAllText(TranscriptPath);
        var exported = Export(new SecretPolicy(new HashSet<string>(), true))!;
        Assert.Equal(original, File.ReadAllText(TranscriptPath));
        var redaction = Assert.Single(exported.Manifest.Redactions);
        Assert.Equal(("native/projects/p/s1.jsonl", 3L, "github-token"), (redaction.Path, redaction.Line, redaction.Rule));

        Import(); // verifies every hash against the redacted bytes
        var imported = File.ReadAllText(_dir.Combine("bob", ".fake", "projects", "p", "s1.jsonl"));
        Assert.DoesNotContain(Token, imported, StringComparison.Ordinal);
        Assert.Contains($"[REDACTED:github-token:{redaction.Fingerprint}]", imported, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Scratch));
    }

    [Fact]
    public void Credential_files_are_never_exported()
    {
        var auth = Path.Combine(ProviderHome, "auth.json");
        File.WriteAllText(auth, "{}");
        var ex = Assert.Throws<SameSessionException>(() => Export(extra: new CollectedFile(auth, "auth.json", "sidecar")));
        Assert.Equal(ErrorIds.SecretFound, ex.Error);
        Assert.False(File.Exists(CapsulePath));
    }

    [Fact]
    public void WhatIf_writes_nothing_and_a_live_session_needs_force()
    {
        var observer = new RecordingObserver(approve: false);
        Assert.Null(Export(observer: observer));
        Assert.False(File.Exists(CapsulePath));
        Assert.Single(observer.Planned);
        Assert.Equal(ErrorIds.SessionLocked, Assert.Throws<SameSessionException>(() => Export(live: true)).Error);
        Assert.NotNull(Export(live: true, force: true));
        Assert.Equal(ErrorIds.DestinationExists, Assert.Throws<SameSessionException>(() => Export()).Error);
    }

    [Fact]
    public void Import_whatif_and_destination_and_missing_installer()
    {
        Export();
        var (none, installer, _) = Import(observer: new RecordingObserver(approve: false));
        Assert.Null(none);
        Assert.Null(installer.LastTarget);

        var (result, _, _) = Import(destination: _dir.Combine("elsewhere"));
        Assert.Equal(_dir.Combine("elsewhere"), result!.Cwd);

        var op = new ImportOperation([], new AgentEnvironment(_dir.Combine("bob")), new RecordingObserver());
        Assert.Equal(ErrorIds.UnsupportedFormat, Assert.Throws<SameSessionException>(() => op.Run(new ImportRequest(CapsulePath, [_key]))).Error);
        Assert.Equal(ErrorIds.PathNotFound, Assert.Throws<SameSessionException>(() => op.Run(new ImportRequest(_dir.Combine("nope"), [_key]))).Error);
    }

    [Fact]
    public void Target_directory_rules()
    {
        var op = new ImportOperation([], new AgentEnvironment("/home/bob"), new RecordingObserver());
        var m = CapsuleTestKitAccess.Manifest();
        Assert.Equal(Path.Combine("/home/bob", "src", "api"), op.TargetDirectory(m, null));
        Assert.Equal("/home/bob", op.TargetDirectory(m with { Source = m.Source with { CwdRelativeToHome = "" } }, null));
        var windowsOutside = m with { Source = m.Source with { Cwd = "D:\\work\\api", CwdRelativeToHome = null, Os = "windows", PathFlavor = "windows" } };
        if (!OperatingSystem.IsWindows())
            Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<SameSessionException>(() => op.TargetDirectory(windowsOutside, null)).Error);
        Assert.Equal(Path.GetFullPath("/srv/api"), op.TargetDirectory(windowsOutside, "/srv/api"));
    }

    [Fact]
    public void Inspect_shows_the_header_without_a_key_and_the_manifest_with_one()
    {
        Export();
        var pub = CapsuleInspection.Inspect(CapsulePath);
        Assert.Equal(["X25519"], pub.RecipientTypes);
        Assert.Null(pub.Manifest);
        Assert.Null(pub.Provider);
        var full = CapsuleInspection.Inspect(CapsulePath, [_key], verify: true);
        Assert.Equal(("ClaudeCode", "s1", true), (full.Provider, full.SessionId, full.Verified));
        Assert.Equal(ErrorIds.NoMatchingIdentity, Assert.ThrowsAny<SameSessionException>(() => CapsuleInspection.Inspect(CapsulePath, [X25519Identity.Generate()])).Error);
    }
}

internal static class CapsuleTestKitAccess
{
    public static CapsuleManifest Manifest() => SameSession.Tests.Unit.Capsules.ManifestTests.Sample();
}
