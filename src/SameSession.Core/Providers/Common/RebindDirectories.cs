using SameSession.Core.Errors;
using SameSession.Core.Relocation;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>The directory a session moves from and to under a path map; the destination must already exist.</summary>
internal static class RebindDirectories
{
    public static (string Old, string New) Of(AgentSession session, PathMap map)
    {
        var old = session.Directory ?? throw new SameSessionException(ErrorIds.UnsupportedFormat,
            $"Session {session.Key} records no working directory, so there is nothing to rebind.", session.Key);
        if (!map.TryMap(old, out var moved))
            throw new SameSessionException(ErrorIds.InvalidArgument, $"Session {session.Key} is in {old}, which is under none of the path map's sources ({map}).", session.Key);
        if (!Directory.Exists(moved))
            throw new SameSessionException(ErrorIds.PathNotFound, $"The destination {moved} does not exist; move or create it first (the agent loads it on resume).", moved);
        return (old, moved);
    }
}
