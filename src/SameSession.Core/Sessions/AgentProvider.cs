namespace SameSession.Core.Sessions;

/// <summary>The agents SameSession knows. Names are public contract (pipeline, CLI, capsule manifests).</summary>
public enum AgentProvider
{
    ClaudeCode,
    Codex,
    OpenCode,
    Acpx,
    Gemini,
}
