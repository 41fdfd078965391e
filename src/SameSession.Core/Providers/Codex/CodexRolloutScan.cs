using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.ClaudeCode;

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

    public CodexRolloutScan() { }

    public int MessageCount { get; private set; }
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
        else if (kind.SequenceEqual("response_item"u8))
        {
            switch (Role(line))
            {
                case Roles.Assistant:
                    MessageCount++;
                    break;
                case Roles.User:
                    if (UserMessages.Count < PromptCandidates) UserMessages.Add(at);
                    if (!IsInjectedContext(line)) MessageCount++;
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
        return text.StartsWith("<environment_context"u8) || text.StartsWith("<user_instructions"u8)
            || text.StartsWith("# AGENTS.md"u8) || text.StartsWith("<permissions"u8)
            || text.StartsWith("<collaboration_mode"u8) || text.StartsWith("<INSTRUCTIONS>"u8)
            || text.StartsWith("<user_shell_command"u8) || text.StartsWith("<turn_aborted"u8);
    }
}
