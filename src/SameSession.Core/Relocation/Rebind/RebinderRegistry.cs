using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>Every <see cref="IRebinder"/> in Core, found by reflection, so a new provider's rebinder plugs in without edits here.</summary>
public static class RebinderRegistry
{
    private static readonly Lazy<IReadOnlyList<IRebinder>> Rebinders = new(() => typeof(IRebinder).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IRebinder).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IRebinder)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Kind)
        .ToList());

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
