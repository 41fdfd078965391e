using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations;

/// <summary>Turns what a front end received (a session object, or a provider and id) into sessions.</summary>
public static class SessionInput
{
    /// <summary>The piped session, or the sessions matching <paramref name="id"/> (wildcards allowed) of <paramref name="provider"/>.</summary>
    public static IReadOnlyList<AgentSession> Resolve(AgentSession? session, AgentProvider? provider, string? id, AgentEnvironment env, IOperationObserver observer)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (session is not null) return [session];
        if (string.IsNullOrEmpty(id))
            throw new SameSessionException(ErrorIds.InvalidArgument, "Pipe sessions from Get-AgentSession, or give -Id (and -Provider) / --id (and --provider).");
        var query = new SessionQuery { Providers = provider is { } p ? [p] : [], Ids = [id], IncludeArchived = true };
        var found = new SessionCatalog(env).Find(query, observer);
        if (found.Count == 0)
            throw new SameSessionException(ErrorIds.SessionNotFound, $"No {(provider?.ToString() ?? "agent")} session has id {id}; list them with Get-AgentSession / samesession list.", id);
        return found;
    }
}
