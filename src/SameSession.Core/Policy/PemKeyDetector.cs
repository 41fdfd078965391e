using System.Text;
using System.Text.RegularExpressions;

namespace SameSession.Core.Policy;

/// <summary>
/// Finds PEM/OpenSSH/PGP private key blocks, raw (one line per row) or JSON-escaped on one line ("\n" escapes), and
/// across segment boundaries. A block is a secret when its body holds at least 64 base64 characters, so code that
/// only mentions "-----BEGIN RSA PRIVATE KEY-----" is not flagged. The fingerprint is over the base64 body alone,
/// so the same key gives the same fingerprint in a key file and in a transcript.
/// </summary>
internal static partial class PemKeyDetector
{
    public const int MinBody = 64;

    [GeneratedRegex("-----BEGIN (RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY( BLOCK)?-----|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----", RegexOptions.CultureInvariant)]
    public static partial Regex Begin();

    public enum Status { Complete, Open, Stopped }

    /// <summary>A block being read; <see cref="Body"/> collects its base64 characters.</summary>
    public sealed class Block(long line)
    {
        public long Line { get; } = line;
        public StringBuilder Body { get; } = new();
        public bool IsSecret { get; private set; }
        public string? Fingerprint { get; private set; }

        public void Resolve()
        {
            IsSecret = Body.Length >= MinBody;
            if (IsSecret) Fingerprint = SecretScanner.FingerprintOf(Body.ToString());
        }
    }

    /// <summary>Reads block content from <paramref name="start"/>; returns where it stopped and why.</summary>
    public static (int End, Status Status) Continue(string text, int start, Block block)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            var dashes = c != '-' ? null : text.AsSpan(i).StartsWith("-----END ") ? "-----" : text.AsSpan(i).StartsWith("---- END SSH2") ? "----" : null;
            if (dashes is not null)
            {
                var close = text.IndexOf(dashes, i + dashes.Length + 4, StringComparison.Ordinal);
                if (close < 0) return (i, Status.Stopped);
                return (close + dashes.Length, Status.Complete);
            }
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=') { block.Body.Append(c); i++; }
            else if (c is ' ' or '\t' or '\r' or '\n' or ':' or ',' or '-') i++;
            else if (c == '\\')
            {
                while (i < text.Length && text[i] == '\\') i++;
                if (i < text.Length && text[i] is 'n' or 'r') i++;
            }
            else return (i, Status.Stopped);
        }
        return (text.Length, Status.Open);
    }
}
