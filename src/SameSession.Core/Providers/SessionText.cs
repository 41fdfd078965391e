namespace SameSession.Core.Providers;

/// <summary>Small text helpers shared by providers: titles derived from prompts, blank-as-null.</summary>
internal static class SessionText
{
    public const int TitleChars = 80;

    /// <summary>A title made from a prompt: its first line, cut to <see cref="TitleChars"/> (never between the two
    /// halves of an emoji or other character outside the BMP).</summary>
    public static string? TitleFromPrompt(string? prompt)
    {
        if (prompt is null) return null;
        var newline = prompt.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (newline < 0 ? prompt.AsSpan() : prompt.AsSpan(0, newline)).Trim();
        if (firstLine.Length <= TitleChars) return firstLine.ToString();
        var cut = TitleChars - 3;
        if (char.IsHighSurrogate(firstLine[cut - 1]) && char.IsLowSurrogate(firstLine[cut])) cut--;
        return string.Concat(firstLine[..cut], "...");
    }

    public static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
