using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation;

/// <summary>Builds a <see cref="PathMap"/> from user input: "old=new" strings (CLI --map) or key/value pairs (a hashtable).</summary>
public static class PathMapParser
{
    public static PathMap FromPairs(IEnumerable<KeyValuePair<string, string>> pairs, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(resolve);
        var map = new PathMap();
        foreach (var (from, to) in pairs)
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
                throw new SameSessionException(ErrorIds.InvalidArgument, $"Path map entry '{from}' = '{to}' needs both an old and a new directory.");
            map.Add(resolve(from), resolve(to));
        }
        return map;
    }

    /// <summary>"~/src=~/code" → (~/src expanded, ~/code expanded); the first '=' splits (paths rarely contain '=').</summary>
    public static PathMap FromAssignments(IEnumerable<string> assignments, AgentEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var a in assignments)
        {
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == a.Length - 1)
                throw new SameSessionException(ErrorIds.InvalidArgument, $"--map '{a}' is not old=new (for example --map ~/src=~/code).", a);
            pairs.Add(new(a[..eq], a[(eq + 1)..]));
        }
        return FromPairs(pairs, p => PathStyles.IsWindowsRooted(p) && !OperatingSystem.IsWindows() ? p : Path.GetFullPath(env.ExpandHome(p)));
    }
}
