using SameSession.Core.Infrastructure;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>
/// One pass over a Claude transcript that classifies every line by its top-level <c>type</c> with byte searches
/// (no JSON parsing) and counts conversation messages. It remembers where the few lines worth parsing are:
/// the head, the first user prompts, the last message, and the latest title lines.
/// </summary>
internal struct ClaudeTranscriptScan : IJsonlLineVisitor
{
    public const int HeadLines = 4;
    public const int PromptCandidates = 8;

    private static ReadOnlySpan<byte> TypeKey => "\"type\":\""u8;
    private static ReadOnlySpan<byte> SidechainTrue => "\"isSidechain\":true"u8;
    private static ReadOnlySpan<byte> MetaTrue => "\"isMeta\":true"u8;

    private readonly HashSet<ulong> _assistantIds = [];

    public ClaudeTranscriptScan() { }

    public int MessageCount { get; private set; }
    public int LineCount { get; private set; }
    public List<LineRef> Head { get; } = [];
    public List<LineRef> Prompts { get; } = [];
    public LineRef? LastMessage { get; private set; }
    public LineRef? Summary { get; private set; }
    public LineRef? AiTitle { get; private set; }
    public LineRef? CustomTitle { get; private set; }
    public bool UnterminatedLast { get; private set; }
    public LineRef? LastLine { get; private set; }

    public void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated)
    {
        if (IsBlank(line)) return;
        LineCount++;
        var at = new LineRef(offset, length);
        LastLine = at;
        if (unterminated) UnterminatedLast = true;
        if (Head.Count < HeadLines) Head.Add(at);

        var kind = Classify(line, out var sidechain, out var meta);
        switch (kind)
        {
            case ClaudeLineKind.User or ClaudeLineKind.Assistant:
                LastMessage = at;
                if (sidechain || meta) break;
                if (kind == ClaudeLineKind.User)
                {
                    if (ClaudeMessageFacts.IsToolResultOnly(line)) break;
                    MessageCount++;
                    if (Prompts.Count < PromptCandidates) Prompts.Add(at);
                }
                else if (ClaudeMessageFacts.AssistantMessageIdHash(line) is not { } id || _assistantIds.Add(id))
                {
                    MessageCount++;
                }
                break;
            case ClaudeLineKind.Summary: Summary = at; break;
            case ClaudeLineKind.AiTitle: AiTitle = at; break;
            case ClaudeLineKind.CustomTitle: CustomTitle = at; break;
        }
    }

    /// <summary>The line's top-level type among the kinds we track, and for messages its sidechain and meta flags.</summary>
    internal static ClaudeLineKind Classify(ReadOnlySpan<byte> line, out bool sidechain, out bool meta)
    {
        sidechain = meta = false;
        var kind = ClassifyCompact(line);
        if (kind == ClaudeLineKind.Other)
            return line.IndexOf("\"type\": "u8) >= 0 || line.IndexOf("\"type\" :"u8) >= 0 ? ClaudeSpacedLine.Classify(line, out sidechain, out meta) : kind;
        if (kind is ClaudeLineKind.User or ClaudeLineKind.Assistant)
        {
            sidechain = HasTopLevel(line, SidechainTrue);
            meta = HasTopLevel(line, MetaTrue);
        }
        return kind;
    }

    /// <summary>
    /// Compact JSON (what Claude Code writes): find "type":"…" keys and keep the one at depth 1. The depth is
    /// counted from whichever end of the line is nearer: user lines name their type before the message,
    /// assistant lines after it.
    /// </summary>
    private static ClaudeLineKind ClassifyCompact(ReadOnlySpan<byte> line)
    {
        var cursor = new JsonDepthCursor(line);
        var from = 0;
        while (true)
        {
            var i = line[from..].IndexOf(TypeKey);
            if (i < 0) return ClaudeLineKind.Other;
            var at = from + i;
            var kind = KindOfValue(line[(at + TypeKey.Length)..], out var valueLength);
            if (kind != ClaudeLineKind.Other && IsTopLevel(line, ref cursor, at, at + TypeKey.Length + valueLength)) return kind;
            from = at + TypeKey.Length;
        }
    }

    /// <summary>Whether the key:value pair spanning [start, end) sits in the top-level object.</summary>
    private static bool IsTopLevel(ReadOnlySpan<byte> line, ref JsonDepthCursor cursor, int start, int end) =>
        line.Length - end < start ? JsonDepthCursor.DepthFromEnd(line, end) == 1 : cursor.IsTopLevel(start);

    internal static ClaudeLineKind KindOf(string? type) => type switch
    {
        "user" => ClaudeLineKind.User,
        "assistant" => ClaudeLineKind.Assistant,
        "summary" => ClaudeLineKind.Summary,
        "ai-title" => ClaudeLineKind.AiTitle,
        "custom-title" => ClaudeLineKind.CustomTitle,
        _ => ClaudeLineKind.Other,
    };

    private static ClaudeLineKind KindOfValue(ReadOnlySpan<byte> v, out int length)
    {
        foreach (var (name, kind) in Kinds)
        {
            if (v.StartsWith(name)) { length = name.Length; return kind; }
        }
        length = 0;
        return ClaudeLineKind.Other;
    }

    private static readonly (byte[] Name, ClaudeLineKind Kind)[] Kinds =
    [
        ("user\""u8.ToArray(), ClaudeLineKind.User),
        ("assistant\""u8.ToArray(), ClaudeLineKind.Assistant),
        ("summary\""u8.ToArray(), ClaudeLineKind.Summary),
        ("ai-title\""u8.ToArray(), ClaudeLineKind.AiTitle),
        ("custom-title\""u8.ToArray(), ClaudeLineKind.CustomTitle),
    ];

    /// <summary>True when <paramref name="needle"/> (a key:value pair) occurs as a key of the top-level object.</summary>
    internal static bool HasTopLevel(ReadOnlySpan<byte> line, ReadOnlySpan<byte> needle)
    {
        var cursor = new JsonDepthCursor(line);
        var from = 0;
        while (true)
        {
            var i = line[from..].IndexOf(needle);
            if (i < 0) return false;
            if (IsTopLevel(line, ref cursor, from + i, from + i + needle.Length)) return true;
            from += i + needle.Length;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;
}
