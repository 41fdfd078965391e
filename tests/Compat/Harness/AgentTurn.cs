namespace SameSession.Tests.Compat.Harness;

/// <summary>The session id an agent reported for one prompt, its reply text, and the raw run.</summary>
public sealed record AgentTurn(string SessionId, string Reply, CliResult Run);
