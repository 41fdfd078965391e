using System.Text;

namespace SameSession.Core.Providers.Acpx;

/// <summary>acpx's file naming: records and their event streams are named by encodeURIComponent(record id).</summary>
internal static class AcpxNames
{
    public const string Schema = "acpx.session.v1";

    /// <summary>JavaScript encodeURIComponent: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is UTF-8 percent-encoded.</summary>
    public static string EncodeUriComponent(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()".Contains(c, StringComparison.Ordinal))) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static string RecordFile(string sessionsDir, string recordId) => Path.Combine(sessionsDir, EncodeUriComponent(recordId) + ".json");

    public static string ActiveStream(string sessionsDir, string recordId) => Path.Combine(sessionsDir, EncodeUriComponent(recordId) + ".stream.ndjson");

    public static string StreamSegment(string sessionsDir, string recordId, int n) => Path.Combine(sessionsDir, $"{EncodeUriComponent(recordId)}.stream.{n}.ndjson");

    public static string StreamLock(string sessionsDir, string recordId) => Path.Combine(sessionsDir, EncodeUriComponent(recordId) + ".stream.lock");
}
