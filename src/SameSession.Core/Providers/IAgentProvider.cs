using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>One agent's storage. Discovery must be fast (headers and tails, never whole transcripts) and never write.</summary>
public interface IAgentProvider
{
    AgentProvider Kind { get; }

    /// <summary>The agent's data home under this environment (honouring its env overrides), whether or not it exists.</summary>
    string ResolveHome(AgentEnvironment env);

    /// <summary>Every session in the home. Malformed input is reported through <paramref name="context"/> and skipped.</summary>
    IEnumerable<AgentSession> Discover(DiscoveryContext context);
}
