using Microsoft.Data.Sqlite;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Relocation;

namespace SameSession.Tests.Unit.Porting;

/// <summary>
/// Real-CLI fixtures exported from alice's home and imported into bob's (another user path): the session lands under
/// bob's home with every directory rebound, twice is a no-op, newer updates with a backup, older is refused, A → B → A
/// works, -NewId forks, WhatIf writes nothing and a crash mid-install is undone.
/// </summary>
public sealed class PortingRoundTripTests : IDisposable
{
    private readonly TempDir _tmp = new("port");
    private readonly X25519Identity _bob = X25519Identity.Generate();
    private readonly X25519Identity _alice = X25519Identity.Generate();

    public void Dispose() => _tmp.Dispose();

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    /// <summary>Every file and directory under bob's agent store, and every row of the Codex state database.</summary>
    private string StoreOf(string agent) => agent switch
    {
        "claude" => TreeSnapshot.Take(Path.Combine(Bob, ".claude")),
        "codex" => TreeSnapshot.Take(Path.Combine(Bob, ".codex"), Path.Combine(Bob, ".codex", "state_5.sqlite")),
        "gemini" => TreeSnapshot.Take(Path.Combine(Bob, ".gemini")),
        _ => TreeSnapshot.Take(Path.GetDirectoryName(OpenCodeDb(Bob))!, OpenCodeDb(Bob)),
    };

    public static TheoryData<string> Agents => new() { "claude", "codex", "opencode", "gemini" };

    internal static (AgentProvider Provider, string Version) Fixture(string agent) => agent switch
    {
        "claude" => (AgentProvider.ClaudeCode, "2.1.328"),
        "codex" => (AgentProvider.Codex, "0.169.0"),
        "gemini" => (AgentProvider.Gemini, "0.61.0"),
        _ => (AgentProvider.OpenCode, "1.18.33"),
    };

    private static NativePorter Porter(AgentProvider p) => Porters.For(p);

    internal static string OpenCodeDb(string home) => Path.Combine(home, ".local", "share", "opencode", "opencode.db");

    private string Alice => _tmp.Combine("alice");
    private string Bob => _tmp.Combine("bob");

    /// <summary>Alice's home with the fixture; bob's home with the same agent store but none of its sessions.</summary>
    private (AgentEnvironment A, AgentEnvironment B, AgentSession Session) Homes(string agent)
    {
        var (provider, version) = Fixture(agent);
        var a = LoadOpenCodeDump(RealFixtures.Materialize(agent, version, Alice));
        var b = LoadOpenCodeDump(RealFixtures.Materialize(agent, version, Bob));
        ClearSessions(Bob, provider);
        Directory.Delete(Path.Combine(Bob, "work"), recursive: true);
        var session = RealFixtures.Discover(a, provider).Single(s => s.Directory == Path.Combine(Alice, "work", "plain"));
        return (a, b, session);
    }

    /// <summary>Removes every session of <paramref name="provider"/> from the agent store under <paramref name="home"/>, keeping the store.</summary>
    internal static void ClearSessions(string home, AgentProvider provider)
    {
        var folder = provider switch { AgentProvider.ClaudeCode => ".claude/projects", AgentProvider.Codex => ".codex/sessions", AgentProvider.Gemini => ".gemini/tmp", _ => null };
        if (folder is not null && Directory.Exists(Path.Combine(home, folder))) Directory.Delete(Path.Combine(home, folder), recursive: true);
        if (provider == AgentProvider.Codex) Sql(Path.Combine(home, ".codex", "state_5.sqlite"), "DELETE FROM threads");
        if (provider == AgentProvider.OpenCode) Sql(OpenCodeDb(home), "DELETE FROM part; DELETE FROM message; DELETE FROM todo; DELETE FROM session");
    }

    /// <summary>The opencode fixture is a dump (opencode.db.sql); the agent reads opencode.db.</summary>
    internal static AgentEnvironment LoadOpenCodeDump(AgentEnvironment env)
    {
        var dump = OpenCodeDb(env.Home) + ".sql";
        if (File.Exists(dump))
        {
            Sql(OpenCodeDb(env.Home), File.ReadAllText(dump).Replace("DELETE FROM sqlite_sequence;", "", StringComparison.Ordinal));
            File.Delete(dump);
        }
        return env;
    }

    internal static object? Sql(string db, string sql, string? id = null)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        if (id is not null) cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar();
    }

    private ExportResult Export(AgentEnvironment env, AgentSession session, string capsule, DateTimeOffset at, IAgeRecipient? to = null) =>
        new ExportOperation(Porter(session.Provider), env, new RecordingObserver(), "0.1.0", new FixedClock(at), _tmp.Combine("scratch"))
            .Run(new ExportRequest(session, capsule, [to ?? _bob.Recipient], SecretPolicy.Block, Force: true))!;

    private static ImportResult? Import(AgentEnvironment env, string capsule, IAgeIdentity key, bool force = false, bool newId = false, bool approve = true, IFailureInjector? crash = null) =>
        new ImportOperation(Porters.Installers, env, new RecordingObserver(approve), failureInjector: crash)
            .Run(new ImportRequest(capsule, [key], Force: force, NewId: newId));

    private static AgentSession Found(AgentEnvironment env, AgentProvider provider, string id) =>
        RealFixtures.Discover(env, provider).Single(s => s.Id == id);

    private static string NativeFile(AgentSession s) => s.Files.First(f => f.EndsWith(".jsonl", StringComparison.Ordinal));

    /// <summary>The session changes as its agent would change it: a line appended, or (opencode) a row updated now.</summary>
    private static void Touch(AgentSession s)
    {
        if (s.Provider != AgentProvider.OpenCode) File.AppendAllText(NativeFile(s), File.ReadLines(NativeFile(s)).Last() + "\n");
        else Sql(s.Files[0], $"UPDATE session SET title = title || '+', time_updated = {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} WHERE id = $id", s.Id);
    }

    /// <summary>What <see cref="Touch"/> changes: the line count, or the opencode title.</summary>
    private static string Version(AgentEnvironment env, AgentSession s)
    {
        var found = Found(env, s.Provider, s.Id);
        return s.Provider == AgentProvider.OpenCode ? found.Title! : File.ReadLines(NativeFile(found)).Count().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Theory, MemberData(nameof(Agents))]
    public void Imported_session_lives_under_bobs_home_with_every_directory_rebound(string agent)
    {
        var (a, b, session) = Homes(agent);
        var capsule = _tmp.Combine("s.capsule");
        var exported = Export(a, session, capsule, Now);
        Assert.Equal("work/plain", exported.Manifest.Source.CwdRelativeToHome);
        Assert.DoesNotContain(exported.Manifest.Files, f => f.Path.Contains("auth.json", StringComparison.Ordinal) || f.Path.Contains("config.toml", StringComparison.Ordinal));

        var result = Import(b, capsule, _bob)!;

        var target = Path.Combine(Bob, "work", "plain");
        Assert.True(result.Changed);
        Assert.Equal(target, result.Cwd);
        var found = Found(b, session.Provider, session.Id);
        Assert.Equal(target, found.Directory);
        Assert.Equal(session.MessageCount, found.MessageCount);
        if (session.Provider == AgentProvider.OpenCode)
        {
            Assert.Equal("global", Sql(OpenCodeDb(Bob), "SELECT project_id FROM session WHERE id = $id", session.Id));
            Assert.Equal(0L, Sql(OpenCodeDb(Bob), "SELECT count(*) FROM message WHERE json_extract(data, '$.path.cwd') LIKE '%alice%'"));
            Assert.True((long)Sql(OpenCodeDb(Bob), "SELECT count(*) FROM part WHERE session_id = $id", session.Id)! > 0);
            return;
        }
        var file = NativeFile(found);
        Assert.StartsWith(Bob, file, StringComparison.Ordinal);
        // Every structured directory field now names bob's directory (content text may still quote alice's paths).
        Assert.DoesNotContain($"\"cwd\":\"{Path.Combine(Alice, "work", "plain")}\"", File.ReadAllText(file), StringComparison.Ordinal);
        if (session.Provider == AgentProvider.Codex)
            Assert.Equal($"{target}|{file}", Sql(Path.Combine(Bob, ".codex", "state_5.sqlite"), "SELECT cwd || '|' || rollout_path FROM threads WHERE id=$id", session.Id));
        var kept = new PortingState(Path.Combine(Bob, ".local", "state", "samesession")).LastImport(session.Provider, session.Id)!;
        Assert.Equal(Path.Combine(Alice, "work", "plain"), Assert.Single(kept.ImportedFrom).SourceCwd);
    }

    [Theory, MemberData(nameof(Agents))]
    public void Importing_the_same_capsule_twice_changes_nothing(string agent)
    {
        var (a, b, session) = Homes(agent);
        var capsule = _tmp.Combine("s.capsule");
        Export(a, session, capsule, Now);
        Import(b, capsule, _bob);
        var before = StoreOf(agent);
        var file = Found(b, session.Provider, session.Id).Files[0];
        var written = File.GetLastWriteTimeUtc(file);

        var again = Import(b, capsule, _bob)!;

        Assert.False(again.Changed);
        Assert.Null(again.Backup);
        Assert.Equal(before, StoreOf(agent));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
    }

    [Theory, MemberData(nameof(Agents))]
    public void A_newer_export_updates_with_a_backup_and_an_older_one_is_refused_unless_forced(string agent)
    {
        var (a, b, session) = Homes(agent);
        string older = _tmp.Combine("old.capsule"), newer = _tmp.Combine("new.capsule");
        Export(a, session, older, Now.AddHours(-1));
        Import(b, older, _bob);
        var before = Version(b, session);
        var store = StoreOf(agent);
        Touch(session);
        Export(a, session, newer, Now.AddHours(1));

        var updated = Import(b, newer, _bob)!;

        Assert.True(updated.Changed);
        Assert.NotEqual(before, Version(b, session));
        Assert.Equal(Version(a, session), Version(b, session));
        Assert.NotEmpty(Directory.EnumerateFiles(updated.Backup!, "*", SearchOption.AllDirectories));
        if (session.Provider != AgentProvider.OpenCode)
        {
            var file = NativeFile(Found(b, session.Provider, session.Id));
            Assert.Equal(before, File.ReadLines(Path.Combine(updated.Backup!, "native", Path.GetRelativePath(Porter(session.Provider).ProviderHome(b), file))).Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var refused = Assert.Throws<SameSessionException>(() => Import(b, older, _bob));
        Assert.Equal(ErrorIds.DestinationExists, refused.Error);
        Assert.True(Import(b, older, _bob, force: true)!.Changed);
        Assert.Equal(before, Version(b, session));
        if (session.Provider == AgentProvider.OpenCode) Assert.Equal(store, StoreOf(agent));
    }

    [Theory, MemberData(nameof(Agents))]
    public void A_session_goes_to_bob_and_back_to_alice(string agent)
    {
        var (a, b, session) = Homes(agent);
        string toBob = _tmp.Combine("to-bob.capsule"), toAlice = _tmp.Combine("to-alice.capsule");
        Export(a, session, toBob, Now);
        Import(b, toBob, _bob);
        Touch(Found(b, session.Provider, session.Id));
        Export(b, Found(b, session.Provider, session.Id), toAlice, Now.AddHours(1), _alice.Recipient);

        var back = Import(a, toAlice, _alice)!;

        Assert.True(back.Changed);
        Assert.NotNull(back.Backup);
        var atAlice = Found(a, session.Provider, session.Id);
        Assert.Equal(Path.Combine(Alice, "work", "plain"), atAlice.Directory);
        Assert.Equal(Version(b, session), Version(a, session));
        Assert.Single(RealFixtures.Discover(a, session.Provider), s => s.Id == session.Id);
        var kept = new PortingState(Path.Combine(Alice, ".local", "state", "samesession")).LastImport(session.Provider, session.Id)!;
        Assert.Equal([Path.Combine(Alice, "work", "plain"), Path.Combine(Bob, "work", "plain")], kept.ImportedFrom.Select(p => p.SourceCwd));
    }

    [Theory, MemberData(nameof(Agents))]
    public void NewId_forks_under_a_fresh_id_next_to_the_original(string agent)
    {
        var (a, _, session) = Homes(agent);
        var capsule = _tmp.Combine("s.capsule");
        Export(a, session, capsule, Now, _alice.Recipient);

        var fork = Import(a, capsule, _alice, newId: true)!;

        Assert.NotEqual(session.Id, fork.Id);
        var forked = Found(a, session.Provider, fork.Id);
        Assert.Equal(session.Directory, forked.Directory);
        Assert.Equal(session.MessageCount, forked.MessageCount);
        Assert.Equal(session.MessageCount, Found(a, session.Provider, session.Id).MessageCount);
        if (session.Provider == AgentProvider.OpenCode)
        {
            Assert.Matches("^ses_[0-9a-f]{12}[0-9A-Za-z]{14}$", fork.Id);
            var db = OpenCodeDb(Alice);
            Assert.Equal(Sql(db, "SELECT count(*) FROM part WHERE session_id = $id", session.Id), Sql(db, "SELECT count(*) FROM part WHERE session_id = $id", fork.Id));
            Assert.Equal(0L, Sql(db, "SELECT count(*) FROM message m JOIN message o ON m.id = o.id WHERE m.session_id = $id AND o.session_id <> $id", fork.Id));
            return;
        }
        // Gemini names a chat file after the id's first 8 characters.
        Assert.Contains(session.Provider == AgentProvider.Gemini ? fork.Id[..8] : fork.Id, Path.GetFileName(NativeFile(forked)), StringComparison.Ordinal);
        Assert.DoesNotContain(session.Id, File.ReadAllText(NativeFile(forked)), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(NativeFile(session)), File.ReadAllBytes(NativeFile(Found(a, session.Provider, session.Id))));
    }

    [Theory, MemberData(nameof(Agents))]
    public void WhatIf_writes_nothing(string agent)
    {
        var (a, b, session) = Homes(agent);
        var capsule = _tmp.Combine("s.capsule");
        Export(a, session, capsule, Now);
        var before = StoreOf(agent);

        Assert.Null(Import(b, capsule, _bob, approve: false));

        Assert.Equal(before, StoreOf(agent));
        Assert.False(Directory.Exists(Path.Combine(Bob, ".local", "state")));
    }

    [Theory, MemberData(nameof(Agents))]
    public void A_crash_mid_install_is_undone_and_the_import_then_succeeds(string agent)
    {
        var (a, b, session) = Homes(agent);
        var capsule = _tmp.Combine("s.capsule");
        Export(a, session, capsule, Now);
        var before = StoreOf(agent);

        // opencode's install is one SQL step (its commit is the point of no return): crash right before it.
        Assert.Throws<SimulatedCrashException>(() => Import(b, capsule, _bob, crash: new CrashAt(agent == "opencode" ? 2 : 3)));
        JournalRecovery.RecoverAll(JournalStore.For(b));

        Assert.Equal(before, StoreOf(agent));
        Assert.True(Import(b, capsule, _bob)!.Changed);
        Assert.Equal(Path.Combine(Bob, "work", "plain"), Found(b, session.Provider, session.Id).Directory);
    }
}
