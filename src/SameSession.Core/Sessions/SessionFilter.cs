using SameSession.Core.Errors;

namespace SameSession.Core.Sessions;

/// <summary>A <see cref="SessionQuery"/> compiled against an environment: wildcards built, paths resolved.</summary>
internal sealed class SessionFilter
{
    private readonly SessionQuery _query;
    private readonly PathRules _rules;
    private readonly List<Wildcard> _ids;
    private readonly List<Wildcard> _dirs;
    private readonly string? _projectPath;

    public SessionFilter(SessionQuery query, AgentEnvironment env, PathRules rules)
    {
        _query = query;
        _rules = rules;
        if (query.Latest < 0)
            throw new SameSessionException(ErrorIds.InvalidArgument, $"Latest must be 0 (all) or a positive count, not {query.Latest}.", nameof(query.Latest));
        if (query.Since is { } s && query.Before is { } b && s >= b)
            throw new SameSessionException(ErrorIds.InvalidArgument, $"Since ({s:O}) must be earlier than Before ({b:O}).", nameof(query.Since));
        _ids = query.Ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => Wildcard.ForText(i.Trim())).ToList();
        var cwd = query.CurrentDirectory ?? Environment.CurrentDirectory;
        _dirs = query.FromDirs.Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => Wildcard.ForPath(Resolve(d, cwd, env, rules), rules)).ToList();
        if (!string.IsNullOrWhiteSpace(query.FromProject))
            _projectPath = Resolve(query.FromProject, cwd, env, rules);
    }

    /// <summary>Expands ~, makes relative paths absolute against <paramref name="cwd"/>, and normalizes.</summary>
    public static string Resolve(string path, string cwd, AgentEnvironment env, PathRules rules)
    {
        var expanded = env.ExpandHome(path.Trim());
        if (!rules.IsRooted(expanded)) expanded = cwd.TrimEnd(rules.Separator) + rules.Separator + expanded;
        return rules.Normalize(expanded);
    }

    /// <summary>A loop, not Enumerable.Contains: an enum instantiation of it is compiled at start-up in every fresh process.</summary>
    public static bool Includes(IReadOnlyList<AgentProvider> providers, AgentProvider provider)
    {
        for (var i = 0; i < providers.Count; i++)
            if (providers[i] == provider) return true;
        return false;
    }

    /// <summary>Whether the query names ids at all (otherwise every id matches).</summary>
    public bool FiltersIds => _ids.Count > 0;

    public bool MatchesId(string id) => _ids.Count == 0 || _ids.Exists(w => w.IsMatch(id));

    public bool Matches(AgentSession s)
    {
        if (_query.Providers.Count > 0 && !Includes(_query.Providers, s.Provider)) return false;
        if (!MatchesId(s.Id)) return false;
        if (s.IsArchived && !_query.IncludeArchived) return false;
        if (_query.Orphaned && !s.IsOrphaned) return false;
        if (_query.Live && !s.IsLive) return false;
        if (_query.Since is { } since && !(s.Updated >= since)) return false;
        if (_query.Before is { } before && !(s.Updated < before)) return false;
        if (!string.IsNullOrEmpty(_query.Search) && !Contains(s.Title, _query.Search) && !Contains(s.FirstPrompt, _query.Search)) return false;
        if (_dirs.Count > 0 && !MatchesDirectory(s.Directory)) return false;
        if (!string.IsNullOrWhiteSpace(_query.FromProject) && !MatchesProject(s)) return false;
        return true;
    }

    private bool MatchesDirectory(string? directory)
    {
        if (string.IsNullOrEmpty(directory)) return false;
        var candidates = _query.Recurse ? _rules.SelfAndAncestors(directory) : [_rules.Normalize(directory)];
        foreach (var c in candidates)
            if (_dirs.Exists(w => w.IsMatch(c))) return true;
        return false;
    }

    private bool MatchesProject(AgentSession s)
    {
        var value = _query.FromProject!.Trim();
        if (string.Equals(s.ProjectId, value, StringComparison.Ordinal)) return true;
        if (_projectPath is null) return false;
        if (s.ProjectRoot is not null) return _rules.AreEqual(s.ProjectRoot, _projectPath);
        return s.Directory is not null && _rules.IsSameOrUnder(s.Directory, _projectPath);
    }

    private static bool Contains(string? text, string needle) => text is not null && text.Contains(needle, StringComparison.OrdinalIgnoreCase);
}
