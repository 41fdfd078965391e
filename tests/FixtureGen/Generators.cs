using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

/// <summary>A two-turn session made in one workspace directory.</summary>
public sealed record MadeSession(string Workspace, string Cwd, string Id, string[] Prompts);

/// <summary>Makes real two-turn sessions with one agent in every fixture workspace, then captures them.</summary>
public abstract class Generator(string provider)
{
    public string Provider { get; } = provider;
    public string Version => AgentClis.PinnedVersions[CliName];
    protected virtual string CliName => Provider;

    public void Generate(CompatHarness harness)
    {
        var home = harness.NewHome();
        var workspace = FixtureWorkspace.Create(home.Path);
        var made = new List<MadeSession>();
        foreach (var (name, cwd) in workspace.All)
        {
            string[] prompts = [$"first prompt in {name}", $"second prompt in {name}"];
            var id = MakeSession(harness, home, cwd, prompts);
            made.Add(new MadeSession(name, cwd, id, prompts));
            Console.WriteLine($"  {Provider}: {name} -> {id}");
        }
        var writer = new FixtureWriter(Provider, Version, home.Path);
        Capture(writer, home.Path);
        var sessions = made.Select(m => Describe(home.Path, m) with { Directory = writer.Tokens(m.Cwd) }).ToList();
        writer.WriteExpected(new ExpectedFixture(Provider, Version, MessageCountRule, TitleRule, workspace.RootCommit,
            sessions, Notes));
        MachinePathCheck.AssertClean(writer.Folder);
    }

    /// <summary>Runs both turns (the second as a resume by id); returns the session id.</summary>
    private string MakeSession(CompatHarness harness, AgentHome home, string cwd, string[] prompts)
    {
        var cli = harness.Cli(CliName, home);
        var first = cli.NewSession(cwd, prompts[0]);
        cli.ResumeSession(cwd, first.SessionId, prompts[1]);
        return first.SessionId;
    }

    protected abstract void Capture(FixtureWriter writer, string home);

    protected abstract ExpectedSession Describe(string home, MadeSession made);

    protected abstract string MessageCountRule { get; }
    protected abstract string TitleRule { get; }
    protected virtual IReadOnlyList<string> Notes => [];

    protected static ExpectedSession Expected(MadeSession m, string title, int count) =>
        new(m.Id, m.Cwd, m.Workspace, title, count, m.Prompts);

    protected static IEnumerable<JsonNode> JsonLines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!);

    protected static SqliteConnection OpenReadOnly(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    protected static T Scalar<T>(SqliteConnection c, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
