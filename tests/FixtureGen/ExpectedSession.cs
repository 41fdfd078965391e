namespace SameSession.FixtureGen;

/// <summary>One row of a fixture's expected.json: what discovery must report for that session.</summary>
public sealed record ExpectedSession(
    string Id, string Directory, string Workspace, string Title, int MessageCount, IReadOnlyList<string> Prompts);

/// <summary>The whole expected.json of one provider version.</summary>
public sealed record ExpectedFixture(
    string Provider, string Version, string MessageCountRule, string TitleRule, string RepoRootCommit,
    IReadOnlyList<ExpectedSession> Sessions, IReadOnlyList<string> Notes);
