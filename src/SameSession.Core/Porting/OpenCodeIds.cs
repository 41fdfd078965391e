using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SameSession.Core.Porting;

/// <summary>
/// For an opencode fork: every ses_/msg_/prt_ id of the session gets a fresh one. An id is a prefix, 12 hex digits of
/// time (opencode sorts by them) and 14 random base62 characters: the time part is kept, so the order stays, and the
/// random part is new. Ids are replaced wherever they occur in the row's text (JSON data holds parentID, messageID…).
/// </summary>
internal sealed class OpenCodeIds(InstallContext context)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly System.Buffers.SearchValues<char> Base62Chars = System.Buffers.SearchValues.Create(Base62);

    /// <summary>A new session id as opencode makes them: "ses_", 48 bits of (ms × 4096 + counter) inverted so newer sorts first, 14 random characters.</summary>
    public static string NewSessionId()
    {
        var stamp = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 0x1000 + RandomNumberGenerator.GetInt32(0x1000)) & 0xFFFF_FFFF_FFFF;
        var descending = ~stamp & 0xFFFF_FFFF_FFFF;
        return "ses_" + descending.ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + RandomNumberGenerator.GetString(Base62, 14);
    }
    private readonly Dictionary<string, string> _fresh = new(StringComparer.Ordinal) { [context.SourceId] = context.Id };

    public static string Fresh(string id) =>
        id.Length == 30 && id[3] == '_' ? id[..16] + RandomNumberGenerator.GetString(Base62, 14) : id[..4] + RandomNumberGenerator.GetString(Base62, 26);

    public void Rewrite(JsonObject row)
    {
        if (!context.Forked) return;
        foreach (var (name, value) in row.ToList())
            if (value is JsonValue v && v.TryGetValue<string>(out var text)) row[name] = Replace(text);
    }

    private string Replace(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (i + 30 <= text.Length && IsId(text.AsSpan(i, 30)) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                var id = text.Substring(i, 30);
                if (!_fresh.TryGetValue(id, out var fresh)) _fresh[id] = fresh = Fresh(id);
                sb.Append(fresh);
                i += 30;
            }
            else sb.Append(text[i++]);
        }
        return sb.ToString();
    }

    private static bool IsId(ReadOnlySpan<char> s) =>
        (s.StartsWith("ses_") || s.StartsWith("msg_") || s.StartsWith("prt_")) && !s[4..].ContainsAnyExcept(Base62Chars);
}
