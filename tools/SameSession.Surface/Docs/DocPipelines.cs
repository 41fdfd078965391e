using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using SameSession.Surface.Help;

namespace SameSession.Surface.Docs;

/// <summary>Finds the PowerShell pipelines written in the docs (```powershell blocks of docs/help/*.md and README.md).</summary>
public static partial class DocPipelines
{
    /// <summary>
    /// Commands that pass their input objects through unchanged; a pipeline "Get-X | Where-Object {...} | Set-X"
    /// still pairs Get-X with Set-X. Select-Object only counts with -First/-Last/-Skip/-Unique (no projection).
    /// </summary>
    private static readonly HashSet<string> PassThrough = new(StringComparer.OrdinalIgnoreCase)
    {
        "Where-Object", "where", "?", "Sort-Object", "sort", "Tee-Object", "tee",
    };

    private static readonly HashSet<string> SelectKeepsObjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "First", "Last", "Skip", "SkipLast", "Unique", "Wait",
    };

    /// <summary>The default doc set of a repository: README.md and docs/help/*.md.</summary>
    public static IReadOnlyList<string> DefaultFiles(string repoRoot)
    {
        var files = new List<string>();
        var readme = Path.Combine(repoRoot, "README.md");
        if (File.Exists(readme)) files.Add(readme);
        var help = Path.Combine(repoRoot, "docs", "help");
        if (Directory.Exists(help)) files.AddRange(Directory.EnumerateFiles(help, "*.md").Order(StringComparer.Ordinal));
        return files;
    }

    /// <summary>Every ```powershell block of a markdown text, with the 1-based line of its first code line.</summary>
    public static IEnumerable<(int Line, string Code)> PowerShellBlocks(string markdown) =>
        Markdown.Parse(markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).Descendants<FencedCodeBlock>()
            .Where(HelpMarkdownParser.IsPowerShell)
            .Select(b => (b.Line + 2, HelpMarkdownParser.CodeText(b)));

    public static IEnumerable<DocPipeline> Read(string displayName, string markdown)
    {
        foreach (var (blockLine, code) in PowerShellBlocks(markdown))
        {
            foreach (var (line, statement, segments) in PowerShellSplitter.Statements(code))
            {
                var commands = segments.Select(ToCommand).ToList();
                yield return new DocPipeline(displayName, blockLine + line, statement, commands);
            }
        }
    }

    /// <summary>Adjacent segments that are both our cmdlets, skipping pass-through filters between them.</summary>
    public static IEnumerable<DocPipelinePair> Pairs(DocPipeline pipeline, Func<string, bool> isOurs)
    {
        DocCommand? producer = null;
        foreach (var command in pipeline.Segments)
        {
            if (producer is not null && IsPassThrough(command)) continue;
            if (producer is not null && isOurs(command.Name)) yield return new DocPipelinePair(pipeline, producer, command);
            producer = isOurs(command.Name) ? command : null;
        }
    }

    private static bool IsPassThrough(DocCommand command) =>
        PassThrough.Contains(command.Name)
        || (command.Name.Equals("Select-Object", StringComparison.OrdinalIgnoreCase)
            && command.Arguments.Count > 0
            && command.NamedParameters.All(SelectKeepsObjects.Contains)
            && command.Arguments.Count == 2 * command.NamedParameters.Count());

    private static DocCommand ToCommand(string segment)
    {
        // "$x = Get-Thing ..." and "(Get-Thing ...)" name Get-Thing as the command.
        var text = Assignment().Replace(segment.Trim(), "");
        if (text.StartsWith('(') && text.EndsWith(')')) return ToCommand(text[1..^1]);
        var tokens = PowerShellSplitter.Tokens(text);
        var name = tokens.Count == 0 ? "" : tokens[0].TrimStart('&', '.').Trim();
        return new DocCommand(name, tokens.Skip(1).ToList());
    }

    [GeneratedRegex(@"^\$[\w:]+\s*=\s*")]
    private static partial Regex Assignment();
}
