namespace SameSession.Core.Sessions;

/// <summary>Reads provider names from loosely typed input (tab-completion's bound parameters, CLI strings).</summary>
public static class AgentProviderNames
{
    /// <summary>Accepts an AgentProvider, a name, or any sequence of those; unknown names are ignored.</summary>
    public static IReadOnlyList<AgentProvider> Parse(object? value)
    {
        var result = new List<AgentProvider>();
        Add(value, result);
        return result.Distinct().ToList();
    }

    private static void Add(object? value, List<AgentProvider> into)
    {
        switch (value)
        {
            case null: return;
            case AgentProvider p: into.Add(p); return;
            case string s:
                foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    if (Enum.TryParse<AgentProvider>(part, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) into.Add(parsed);
                return;
            case System.Collections.IEnumerable many:
                foreach (var item in many) Add(item, into);
                return;
            default:
                Add(value.ToString(), into);
                return;
        }
    }
}
