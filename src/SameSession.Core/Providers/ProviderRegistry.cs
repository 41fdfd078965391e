using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>
/// Every <see cref="IAgentProvider"/> in Core, one per agent, in <see cref="AgentProvider"/> order. Listed explicitly:
/// scanning the assembly's types cost a short-lived `samesession list` about 10 ms, and the native CLI is trimmed to
/// what is named. A unit test compares the list with a reflection scan, so a new provider cannot be forgotten here.
/// </summary>
public static class ProviderRegistry
{
    private static readonly Lazy<IReadOnlyList<IAgentProvider>> Providers = new(() => new IAgentProvider[]
    {
        new ClaudeCodeProvider(), new CodexProvider(), new OpenCodeProvider(), new AcpxProvider(), new GeminiProvider(),
    }.OrderBy(p => p.Kind).ToList().AsReadOnly());

    public static IReadOnlyList<IAgentProvider> All => Providers.Value;

    /// <summary>The provider for <paramref name="kind"/>, or null when this build has none.</summary>
    public static IAgentProvider? Find(AgentProvider kind) => All.FirstOrDefault(p => p.Kind == kind);
}
