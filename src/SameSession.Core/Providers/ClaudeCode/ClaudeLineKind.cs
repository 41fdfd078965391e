namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>The top-level <c>type</c> of the transcript lines discovery cares about; everything else is Other.</summary>
internal enum ClaudeLineKind
{
    Other,
    User,
    Assistant,
    Summary,
    AiTitle,
    CustomTitle,
}
