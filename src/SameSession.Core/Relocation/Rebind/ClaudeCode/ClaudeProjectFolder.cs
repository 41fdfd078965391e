using System.Text;

namespace SameSession.Core.Relocation.Rebind.ClaudeCode;

/// <summary>
/// Claude Code's project folder name for a cwd (formats doc §1.2): every UTF-16 unit outside [A-Za-z0-9] becomes
/// '-'; a name over 200 chars keeps 200 and gets '-' + base36(|31-hash of the original path|) appended.
/// </summary>
public static class ClaudeProjectFolder
{
    private const int MaxLength = 200;

    public static string Name(string cwd)
    {
        ArgumentNullException.ThrowIfNull(cwd);
        var sb = new StringBuilder(cwd.Length);
        foreach (var c in cwd) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        if (sb.Length <= MaxLength) return sb.ToString();
        var h = 0;
        foreach (var c in cwd) h = unchecked((h * 31) + c);
        return sb.ToString(0, MaxLength) + "-" + Base36(Math.Abs((long)h));
    }

    private static string Base36(long v)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, digits[(int)(v % 36)]);
            v /= 36;
        }
        while (v > 0);
        return sb.ToString();
    }
}
