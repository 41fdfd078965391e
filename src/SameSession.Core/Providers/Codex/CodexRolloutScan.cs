using SameSession.Core.Infrastructure;

namespace SameSession.Core.Providers.Codex;

/// <summary>
/// One byte pass over a rollout. Codex writes each line as <c>{"timestamp":…,"type":&lt;kind&gt;,"payload":{…}}</c>
/// (serde field order), so the record kind sits right after the timestamp and no depth tracking is needed.
/// Counts conversation messages: response items with role user or assistant, minus the harness's injected
/// user context (environment, AGENTS.md, instructions).
/// </summary>
internal struct CodexRolloutScan : IJsonlLineVisitor
{
    public const int PromptCandidates = 8;
    private const int KindWindow = 96;
    private const int RoleWindow = 256;

    private static ReadOnlySpan<byte> TypeKey => "\"type\":\""u8;
    private static ReadOnlySpan<byte> MessagePayload => "\"payload\":{\"type\":\"message\""u8;
    private static ReadOnlySpan<byte> RoleKey => "\"role\":\""u8;
    private static ReadOnlySpan<byte> TextKey => "\"text\":\""u8;

    /// <summary>Tags that open the user-role items Codex injects (environment, instructions, permissions…).</summary>
    internal static readonly string[] InjectedTags =
        ["environment_context", "user_instructions", "permissions", "collaboration_mode", "INSTRUCTIONS>", "user_shell_command", "turn_aborted"];

    private static readonly byte[][] InjectedTagBytes = InjectedTags.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    public CodexRolloutScan() { }

    /// <summary>The same test on decoded text (first prompts).</summary>
    internal static bool IsInjectedText(string text) =>
        text.StartsWith("# AGENTS.md", StringComparison.Ordinal)
        || (text.StartsWith('<') && InjectedTags.Any(t => text.AsSpan(1).StartsWith(t, StringComparison.Ordinal)));

    /// <summary>Conversation messages: item_completed UserMessage/AgentMessage events when the rollout has them
    /// (Codex ≥ 0.16x), else response-item messages minus injected context (older rollouts).</summary>
    public readonly int MessageCount => _completedItems > 0 ? _completedItems : _responseMessages;

    private int _completedItems;
    private int _responseMessages;
    public LineRef? First { get; private set; }
    public LineRef? Meta { get; private set; }
    public LineRef? LastTurnContext { get; private set; }
    public LineRef? LastLine { get; private set; }
    public List<LineRef> UserMessages { get; } = [];
    public bool UnterminatedLast { get; private set; }

    public void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated)
    {
        if (line.Trim(" \t"u8).IsEmpty) return;
        var at = new LineRef(offset, length);
        First ??= at;
        LastLine = at;
        if (unterminated) UnterminatedLast = true;
        var kind = Kind(line);
        if (kind.SequenceEqual("session_meta"u8)) Meta ??= at;
        else if (kind.SequenceEqual("turn_context"u8)) LastTurnContext = at;
        else if (kind.SequenceEqual("event_msg"u8))
        {
            if (IsCompletedConversationItem(line)) _completedItems++;
        }
        else if (kind.SequenceEqual("response_item"u8))
        {
            switch (Role(line))
            {
                case Roles.Assistant:
                    _responseMessages++;
                    break;
                case Roles.User:
                    if (UserMessages.Count < PromptCandidates) UserMessages.Add(at);
                    if (!IsInjectedContext(line)) _responseMessages++;
                    break;
            }
        }
    }

    /// <summary>The record kind: the first "type" value, which follows the top-level timestamp.</summary>
    internal static ReadOnlySpan<byte> Kind(ReadOnlySpan<byte> line)
    {
        var window = line[..Math.Min(line.Length, KindWindow)];
        var i = window.IndexOf(TypeKey);
        if (i < 0) return default;
        var rest = line[(i + TypeKey.Length)..];
        var end = rest[..Math.Min(rest.Length, 48)].IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }

    private static ReadOnlySpan<byte> ItemCompletedPayload => "\"payload\":{\"type\":\"item_completed\""u8;
    private static ReadOnlySpan<byte> ItemType => "\"item\":{\"type\":\""u8;
    private const int ItemWindow = 512;

    /// <summary>An event_msg item_completed whose item is a UserMessage or AgentMessage.</summary>
    internal static bool IsCompletedConversationItem(ReadOnlySpan<byte> line)
    {
        var p = line.IndexOf(ItemCompletedPayload);
        if (p < 0) return false;
        var after = line[(p + ItemCompletedPayload.Length)..];
        var i = after[..Math.Min(after.Length, ItemWindow)].IndexOf(ItemType);
        if (i < 0) return false;
        var value = after[(i + ItemType.Length)..];
        return value.StartsWith("UserMessage\""u8) || value.StartsWith("AgentMessage\""u8);
    }

    internal enum Roles { None, User, Assistant, Other }

    internal static Roles Role(ReadOnlySpan<byte> line)
    {
        var p = line.IndexOf(MessagePayload);
        if (p < 0) return Roles.None;
        var after = line[(p + MessagePayload.Length)..];
        var window = after[..Math.Min(after.Length, RoleWindow)];
        var r = window.IndexOf(RoleKey);
        if (r < 0) return Roles.None;
        var value = after[(r + RoleKey.Length)..];
        return value.StartsWith("user\""u8) ? Roles.User : value.StartsWith("assistant\""u8) ? Roles.Assistant : Roles.Other;
    }

    /// <summary>User-role items Codex itself injects; their first text starts with one of these markers.</summary>
    internal static bool IsInjectedContext(ReadOnlySpan<byte> line)
    {
        var t = line.IndexOf(TextKey);
        if (t < 0) return false;
        var text = line[(t + TextKey.Length)..];
        if (text.StartsWith("# AGENTS.md"u8)) return true;
        // Writers that escape HTML-sensitive characters write '<' as \u003c.
        ReadOnlySpan<byte> tag = text.StartsWith("<"u8) ? text[1..]
            : text.StartsWith("\\u003c"u8) || text.StartsWith("\\u003C"u8) ? text[6..]
            : default;
        if (tag.IsEmpty) return false;
        foreach (var known in InjectedTagBytes)
            if (tag.StartsWith(known)) return true;
        return false;
    }
}
