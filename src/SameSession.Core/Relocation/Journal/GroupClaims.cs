namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// The paths the change sets of one group write, move or delete. Two sets may not claim one path, except with
/// shared edits of the same kind, which the group commit merges (<see cref="SharedFileEdit"/>).
/// </summary>
public sealed class GroupClaims
{
    private readonly Dictionary<string, Type?> _claimed = new(StringComparer.Ordinal); // null: claimed exclusively

    /// <summary>Adds the set's claims and returns true, or returns false (claiming nothing) when one conflicts.</summary>
    public bool TryAdd(ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var claims = Of(changes).ToList();
        foreach (var (path, kind) in claims)
            if (_claimed.TryGetValue(path, out var held) && (held is null || kind is null || held != kind)) return false;
        foreach (var (path, kind) in claims) _claimed[path] = kind;
        return true;
    }

    public void Clear() => _claimed.Clear();

    private static IEnumerable<(string Path, Type? Kind)> Of(ChangeSet changes)
    {
        foreach (var s in changes.Steps.Where(s => s.Kind is StepKind.WriteFile or StepKind.Move or StepKind.Delete))
        {
            yield return (s.Path, s.Shared?.GetType());
            if (s.From is not null) yield return (s.From, null);
        }
    }
}
