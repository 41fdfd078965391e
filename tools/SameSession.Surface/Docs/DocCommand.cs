namespace SameSession.Surface.Docs;

/// <summary>One pipeline segment of a documented PowerShell statement: the command name and its argument tokens.</summary>
public sealed record DocCommand(string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>Tokens like -Destination (parameter names as written, without the dash).</summary>
    public IEnumerable<string> NamedParameters =>
        Arguments.Where(IsParameterToken).Select(a => a[1..].TrimEnd(':').Split(':')[0]);

    public static bool IsParameterToken(string token) =>
        token.Length > 1 && token[0] == '-' && char.IsLetter(token[1]);
}

/// <summary>A pipeline found in a ```powershell block: its segments in order, and where it was written.</summary>
public sealed record DocPipeline(string File, int Line, string Text, IReadOnlyList<DocCommand> Segments);

/// <summary>Two commands of ours written next to each other in a documented pipeline.</summary>
public sealed record DocPipelinePair(DocPipeline Pipeline, DocCommand Producer, DocCommand Consumer)
{
    public string Where => $"{Pipeline.File}:{Pipeline.Line}";
}
