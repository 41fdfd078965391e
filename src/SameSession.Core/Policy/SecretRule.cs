using System.Text.RegularExpressions;

namespace SameSession.Core.Policy;

/// <summary>
/// One high-confidence credential shape. <see cref="Anchors"/> are case-sensitive ASCII substrings one of which every
/// match contains; the regex runs only on text holding an anchor (see AnchorIndex), which keeps scanning fast. The
/// secret is the regex's "secret" group when it has one, else the whole match.
/// </summary>
public sealed record SecretRule(string Id, string Description, Regex Pattern, IReadOnlyList<string> Anchors)
{
    public static string SecretOf(Match match)
    {
        var group = match.Groups["secret"];
        return group.Success ? group.Value : match.Value;
    }
}
