using SameSession.Core.Errors;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Relocation.Rebind.Codex;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>
/// Every <see cref="IRebinder"/> in Core, in agent order. Listed rather than found by reflection: the native CLI is
/// trimmed to what is named. A test compares the list with a reflection scan, so a new rebinder cannot be forgotten.
/// </summary>
public static class RebinderRegistry
{
    private static readonly Lazy<IReadOnlyList<IRebinder>> Rebinders = new(() => new IRebinder[]
    {
        new ClaudeCodeRebinder(), new CodexRebinder(), new OpenCodeRebinder(), new AcpxRebinder(), new GeminiRebinder(),
    }.OrderBy(r => r.Kind).ToList().AsReadOnly());

    public static IReadOnlyList<IRebinder> All => Rebinders.Value;

    public static IRebinder For(AgentProvider kind) => All.FirstOrDefault(r => r.Kind == kind)
        ?? throw new SameSessionException(ErrorIds.UnsupportedFormat, $"Moving {kind} sessions is not supported yet.", kind.ToString());

    /// <summary>The session's recorded directory mapped through the request's map; a session outside every root is an error.</summary>
    public static (string Old, string New) Directories(AgentSession session, RebindRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var old = session.Directory ?? throw new SameSessionException(ErrorIds.UnsupportedFormat,
            $"Session {session.Key} records no working directory, so there is nothing to rebind.", session.Key);
        if (!request.Map.TryMap(old, out var mapped))
            throw new SameSessionException(ErrorIds.InvalidArgument,
                $"Session {session.Key} is in {old}, which is under none of the path map's sources ({request.Map}).", session.Key);
        return (old, mapped);
    }
}
