using SameSession.Core.Crypto.Age;
using SameSession.Core.Infrastructure;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Relocation;

namespace SameSession.Tests.Unit.Porting;

/// <summary>-IncludeWorkspace: what git keeps travels as source/ entries and lands in an empty destination directory.</summary>
public sealed class PortingWorkspaceTests : IDisposable
{
    private readonly TempDir _tmp = new("pws");
    private readonly X25519Identity _key = X25519Identity.Generate();

    public void Dispose() => _tmp.Dispose();

    private (AgentEnvironment Alice, AgentSession Session, string Project) Alice()
    {
        var home = _tmp.Combine("alice");
        var env = RealFixtures.Materialize("claude", "2.1.328", home);
        var session = RealFixtures.Discover(env, AgentProvider.ClaudeCode).Single(s => s.Directory == Path.Combine(home, "work", "plain"));
        return (env, session, session.Directory!);
    }

    private ExportResult Export(AgentEnvironment env, AgentSession session, string capsule, RecordingObserver observer) =>
        new ExportOperation(Porters.For(session.Provider), env, observer, "0.1.0")
            .Run(new ExportRequest(session, capsule, [_key.Recipient], SecretPolicy.Block, IncludeWorkspace: true))!;

    [Fact]
    public void A_git_workspace_travels_without_ignored_or_credential_files_and_lands_in_an_empty_destination()
    {
        var (env, session, project) = Alice();
        Assert.True(ProcessRunner.Run("git", ["init", "-q"], project).Succeeded);
        File.WriteAllText(Path.Combine(project, ".gitignore"), "build/\n");
        File.WriteAllText(Path.Combine(project, "main.py"), "print('hi')\n");
        Directory.CreateDirectory(Path.Combine(project, "build"));
        File.WriteAllText(Path.Combine(project, "build", "out.bin"), "generated");
        Directory.CreateDirectory(Path.Combine(project, "pkg"));
        File.WriteAllText(Path.Combine(project, "pkg", "util.py"), "x = 1\n");
        File.WriteAllText(Path.Combine(project, ".env"), "TOKEN=abc\n");
        var capsule = _tmp.Combine("ws.capsule");
        var observer = new RecordingObserver();

        var exported = Export(env, session, capsule, observer);

        Assert.Equal(["source/.gitignore", "source/main.py", "source/pkg/util.py"],
            exported.Manifest.Files.Select(f => f.Path).Where(p => p.StartsWith("source/", StringComparison.Ordinal)));
        Assert.Contains(observer.Warnings, w => w.Contains(".env", StringComparison.Ordinal));

        var bob = _tmp.Combine("bob");
        Directory.CreateDirectory(bob);
        var target = Path.Combine(bob, "work", "api");
        var imported = new ImportOperation(Porters.Installers, new AgentEnvironment(bob), new RecordingObserver())
            .Run(new ImportRequest(capsule, [_key], target))!;

        Assert.True(imported.Changed);
        Assert.Equal("x = 1\n", File.ReadAllText(Path.Combine(target, "pkg", "util.py")));
        Assert.True(File.Exists(Path.Combine(target, "main.py")));
        Assert.False(Directory.Exists(Path.Combine(target, "build")));
        Assert.False(File.Exists(Path.Combine(target, ".env")));
    }

    [Fact]
    public void A_destination_with_files_is_left_alone_with_a_warning()
    {
        var (env, session, project) = Alice();
        File.WriteAllText(Path.Combine(project, "notes.md"), "alice's notes\n");
        var capsule = _tmp.Combine("ws.capsule");
        Assert.Contains(Export(env, session, capsule, new RecordingObserver()).Manifest.Files, f => f.Path == "source/notes.md");

        var target = _tmp.Combine("bob", "work", "api");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.md"), "bob's notes\n");
        var observer = new RecordingObserver();
        new ImportOperation(Porters.Installers, new AgentEnvironment(_tmp.Combine("bob")), observer).Run(new ImportRequest(capsule, [_key], target));

        Assert.Equal("bob's notes\n", File.ReadAllText(Path.Combine(target, "notes.md")));
        Assert.Contains(observer.Warnings, w => w.Contains("not unpacked", StringComparison.Ordinal));
    }
}
