using System.Security.Cryptography;
using System.Text;

namespace SameSession.Core.Policy;

/// <summary>
/// Streams a file through every rule, segment by segment (<see cref="TextSegments"/>), and optionally writes a copy
/// in which chosen findings are replaced by "[REDACTED:&lt;rule&gt;:&lt;fingerprint&gt;]". Memory stays bounded by the
/// longest segment plus one private-key block.
/// </summary>
public static class SecretScanner
{
    private const int MaxHeldChars = 4 * 1024 * 1024;

    /// <summary>First 12 hex digits of SHA-256 over the secret's bytes.</summary>
    public static string FingerprintOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexString(SHA256.HashData(Encoding.Latin1.GetBytes(secret)))[..12].ToLowerInvariant();
    }

    public static string RedactionToken(string rule, string fingerprint) => $"[REDACTED:{rule}:{fingerprint}]";

    /// <summary>Every finding in <paramref name="input"/>, reported under the name <paramref name="file"/>.</summary>
    public static IReadOnlyList<SecretFinding> Scan(Stream input, string file) => Run(input, null, file, _ => false);

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="output"/> byte for byte except the findings
    /// <paramref name="redact"/> selects, which are replaced by their redaction token. Returns every finding.
    /// </summary>
    public static IReadOnlyList<SecretFinding> Redact(Stream input, Stream output, string file, Func<SecretFinding, bool> redact) =>
        Run(input, output ?? throw new ArgumentNullException(nameof(output)), file, redact);

    private sealed record Hit(int Start, int Length, string Rule, string? Fingerprint, PemKeyDetector.Block? Block, bool FirstOfBlock);

    private sealed record Segment(string Text, long Line, List<Hit> Hits);

    private static List<SecretFinding> Run(Stream input, Stream? output, string file, Func<SecretFinding, bool> redact)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = new List<SecretFinding>();
        var held = new List<Segment>();
        var heldChars = 0;
        PemKeyDetector.Block? open = null;

        foreach (var (text, line) in TextSegments.Read(input))
        {
            var segment = new Segment(text, line, []);
            var pos = 0;
            if (open is not null)
            {
                var (end, status) = PemKeyDetector.Continue(text, 0, open);
                segment.Hits.Add(new Hit(0, TrimNewline(text, end), SecretRules.PrivateKeyRule, null, open, false));
                pos = end;
                if (status != PemKeyDetector.Status.Open) { open.Resolve(); open = null; }
            }
            while (open is null && PemKeyDetector.Begin().Match(text, pos) is { Success: true } m)
            {
                var block = new PemKeyDetector.Block(line);
                var (end, status) = PemKeyDetector.Continue(text, m.Index + m.Length, block);
                segment.Hits.Add(new Hit(m.Index, TrimNewline(text, end) - m.Index, SecretRules.PrivateKeyRule, null, block, true));
                pos = end;
                if (status == PemKeyDetector.Status.Open) open = block;
                else block.Resolve();
            }
            AddRuleHits(segment);
            held.Add(segment);
            heldChars += text.Length;
            if (open is not null && heldChars > MaxHeldChars) { open.Resolve(); open = null; }
            if (open is null)
            {
                Flush(held, output, file, redact, findings);
                heldChars = 0;
            }
        }
        open?.Resolve();
        Flush(held, output, file, redact, findings);
        output?.Flush();
        return findings;
    }

    private static int TrimNewline(string text, int end)
    {
        if (end == text.Length && end > 0 && text[end - 1] == '\n') end--;
        if (end == text.Length - 1 && end > 0 && text[end - 1] == '\r') end--;
        return end;
    }

    private static void AddRuleHits(Segment segment)
    {
        var candidates = SecretRules.Anchors.Find(segment.Text);
        for (var r = 0; candidates != 0; r++, candidates >>= 1)
        {
            if ((candidates & 1) == 0) continue;
            var rule = SecretRules.All[r];
            foreach (System.Text.RegularExpressions.Match m in rule.Pattern.Matches(segment.Text))
            {
                var secret = m.Groups["secret"];
                var (start, length) = secret.Success ? (secret.Index, secret.Length) : (m.Index, m.Length);
                // A private key, or an earlier rule, already covers this text.
                if (segment.Hits.Any(h => start < h.Start + h.Length && h.Start < start + length)) continue;
                segment.Hits.Add(new Hit(start, length, rule.Id, FingerprintOf(SecretRule.SecretOf(m)), null, true));
            }
        }
        segment.Hits.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    private static void Flush(List<Segment> held, Stream? output, string file, Func<SecretFinding, bool> redact, List<SecretFinding> findings)
    {
        var redactedBlocks = new HashSet<PemKeyDetector.Block>();
        foreach (var segment in held)
        {
            var text = new StringBuilder(output is null ? 0 : segment.Text.Length);
            var copied = 0;
            foreach (var hit in segment.Hits)
            {
                var fingerprint = hit.Block is { } block ? (block.IsSecret ? block.Fingerprint : null) : hit.Fingerprint;
                if (fingerprint is null) continue;
                bool replace;
                if (hit.FirstOfBlock)
                {
                    var finding = new SecretFinding(file, hit.Block?.Line ?? segment.Line, hit.Rule, fingerprint);
                    findings.Add(finding);
                    replace = redact(finding);
                    if (replace && hit.Block is not null) redactedBlocks.Add(hit.Block);
                }
                else replace = redactedBlocks.Contains(hit.Block!);
                if (!replace || output is null) continue;
                text.Append(segment.Text, copied, hit.Start - copied);
                if (hit.FirstOfBlock) text.Append(RedactionToken(hit.Rule, fingerprint));
                copied = hit.Start + hit.Length;
            }
            if (output is null) continue;
            text.Append(segment.Text, copied, segment.Text.Length - copied);
            var bytes = Encoding.Latin1.GetBytes(text.ToString());
            output.Write(bytes);
        }
        held.Clear();
    }
}
