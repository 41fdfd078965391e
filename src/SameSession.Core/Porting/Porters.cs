using SameSession.Core.Errors;
using SameSession.Core.Operations.Import;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>The agents whose sessions can be exported to and imported from capsules.</summary>
public static class Porters
{
    public static IReadOnlyList<NativePorter> All { get; } = [new ClaudeCodePorter(), new CodexPorter(), new OpenCodePorter(), new AcpxPorter(), new GeminiPorter()];

    public static IEnumerable<ISessionInstaller> Installers => All;

    public static NativePorter For(AgentProvider provider) => All.FirstOrDefault(p => p.Provider == provider)
        ?? throw new SameSessionException(ErrorIds.UnsupportedFormat, $"Exporting {provider} sessions to a capsule is not supported yet (Claude Code, Codex, opencode, acpx and Gemini CLI are).", provider.ToString());
}
