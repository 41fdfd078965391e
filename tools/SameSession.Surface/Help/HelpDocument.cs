namespace SameSession.Surface.Help;

/// <summary>A PlatyPS 0.14 cmdlet help page, split into its sections.</summary>
public sealed record HelpDocument
{
    public required string FilePath { get; init; }
    public required IReadOnlyDictionary<string, string> FrontMatter { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Synopsis { get; init; }
    public required IReadOnlyList<HelpSyntax> Syntax { get; init; }
    public required IReadOnlyList<string> Description { get; init; }
    public required IReadOnlyList<HelpExample> Examples { get; init; }
    public required IReadOnlyList<HelpParameter> Parameters { get; init; }
    public required IReadOnlyList<HelpTypeEntry> Inputs { get; init; }
    public required IReadOnlyList<HelpTypeEntry> Outputs { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required IReadOnlyList<HelpLink> RelatedLinks { get; init; }

    /// <summary>The H2 headings in file order (SYNOPSIS, SYNTAX, ...), for the order check.</summary>
    public required IReadOnlyList<string> Sections { get; init; }

    public string FileName => Path.GetFileName(FilePath);
}

public sealed record HelpSyntax(string SetName, bool IsDefault, string Code);

public sealed record HelpExample(string Title, string? PowerShellCode, IReadOnlyList<string> Remarks);

/// <summary>A `### -Name` section: its description and one YAML block per group of sets.</summary>
public sealed record HelpParameter(string Name, IReadOnlyList<string> Description, IReadOnlyList<IReadOnlyDictionary<string, string>> Blocks, int Line);

public sealed record HelpTypeEntry(string TypeName, IReadOnlyList<string> Description);

public sealed record HelpLink(string Text, string Uri);
