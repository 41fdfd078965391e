using SameSession.Core.Operations;

namespace SameSession.Core.Sessions;

/// <summary>One tab-completion candidate for a session id.</summary>
public sealed record SessionIdCandidate(string Id, string ToolTip);

/// <summary>Session ids for tab completion: those starting with what was typed, of the providers chosen so far.</summary>
public static class SessionIdCompletion
{
    public const int MaxCandidates = 50;

    public static IReadOnlyList<SessionIdCandidate> Complete(SessionCatalog catalog, object? boundProviders, string? typed)
    {
        var word = (typed ?? "").Trim('\'', '"');
        var query = new SessionQuery
        {
            Providers = AgentProviderNames.Parse(boundProviders),
            Ids = [Wildcard.HasWildcards(word) ? word : word + "*"],
            Latest = MaxCandidates,
        };
        return catalog.Find(query, new RecordingObserver())
            .Select(s => new SessionIdCandidate(s.Id, $"{s.Provider} {s.Updated?.LocalDateTime:yyyy-MM-dd HH:mm} {s.Title ?? s.Directory}".Trim()))
            .ToList();
    }
}
