using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>Where each agent keeps its sessions, honouring the agent's own environment overrides.</summary>
public static class AgentHomes
{
    /// <summary>The variable that relocates the agent's home, if the agent has one.</summary>
    public static string? OverrideVariable(AgentProvider provider) => provider switch
    {
        AgentProvider.ClaudeCode => "CLAUDE_CONFIG_DIR",
        AgentProvider.Codex => "CODEX_HOME",
        AgentProvider.OpenCode => "XDG_DATA_HOME",
        AgentProvider.Gemini => "GEMINI_CLI_HOME",
        _ => null,
    };

    /// <summary>The agent's executable name on PATH.</summary>
    public static string CliName(AgentProvider provider) => provider switch
    {
        AgentProvider.ClaudeCode => "claude",
        AgentProvider.Codex => "codex",
        AgentProvider.OpenCode => "opencode",
        AgentProvider.Acpx => "acpx",
        AgentProvider.Gemini => "gemini",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static string Resolve(AgentProvider provider, AgentEnvironment env) => provider switch
    {
        AgentProvider.ClaudeCode => env.PathOr("CLAUDE_CONFIG_DIR", ".claude"),
        AgentProvider.Codex => env.PathOr("CODEX_HOME", ".codex"),
        AgentProvider.OpenCode => Path.Combine(env.PathOr("XDG_DATA_HOME", ".local", "share"), "opencode"),
        AgentProvider.Acpx => Path.Combine(env.Home, ".acpx"),
        // GEMINI_CLI_HOME replaces the user's home directory for Gemini, which then appends .gemini.
        AgentProvider.Gemini => Path.Combine(env.Get("GEMINI_CLI_HOME") is { } g ? env.ExpandHome(g) : env.Home, ".gemini"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
