using System.Text.Json;

namespace SameSession.Tests.Compat.Harness.Fixtures;

/// <summary>One row of a fixture's expected.json: what discovery must report for that session.</summary>
public sealed record ExpectedSession(
    string Id, string Directory, string Workspace, string Title, int MessageCount, IReadOnlyList<string> Prompts);

/// <summary>The whole expected.json of one provider version.</summary>
public sealed record ExpectedFixture(
    string Provider, string Version, string MessageCountRule, string TitleRule, string RepoRootCommit,
    IReadOnlyList<ExpectedSession> Sessions, IReadOnlyList<string> Notes);

/// <summary>Reads a fixture folder's expected.json.</summary>
public static class ExpectedFixtures
{
    public static ExpectedFixture Read(string fixtureFolder) =>
        JsonSerializer.Deserialize<ExpectedFixture>(File.ReadAllText(Path.Combine(fixtureFolder, "expected.json")))
        ?? throw new InvalidDataException($"{fixtureFolder}/expected.json is empty.");

    /// <summary>The session's directory in a home the fixture was materialized into.</summary>
    public static string DirectoryIn(this ExpectedSession session, string home) => new Placeholders(home).FromTokens(session.Directory);
}
