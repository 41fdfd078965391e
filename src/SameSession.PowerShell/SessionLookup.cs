using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Sessions;

namespace SameSession.PowerShell;

/// <summary>Sessions named by provider and id (pipeline by property name).</summary>
internal static class SessionLookup
{
    public static IReadOnlyList<AgentSession> ById(AgentEnvironment env, AgentProvider provider, string id, IOperationObserver observer)
    {
        var found = new SessionCatalog(env).Find(new SessionQuery { Providers = [provider], Ids = [id], IncludeArchived = true }, observer);
        return found.Count > 0 ? found : throw new SameSessionException(ErrorIds.SessionNotFound, $"No {provider} session has the id '{id}'; list them with Get-AgentSession -Provider {provider}.", id);
    }
}
