using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace SameSession.Surface.Help;

/// <summary>Parses PlatyPS 0.14 markdown with Markdig into a <see cref="HelpDocument"/>.</summary>
public static partial class HelpMarkdownParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static HelpDocument ParseFile(string path) => Parse(File.ReadAllText(path), path);

    public static HelpDocument Parse(string markdown, string filePath)
    {
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(markdown, Pipeline);
        var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var title = "";
        var sections = new List<Section>();
        Section? h2 = null;
        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    foreach (var (key, value) in YamlLines(yaml.Lines.ToString())) frontMatter[key] = value;
                    break;
                case HeadingBlock { Level: 1 } h:
                    title = HeadingText(markdown, h);
                    break;
                case HeadingBlock { Level: 2 } h:
                    h2 = new Section(HeadingText(markdown, h).ToUpperInvariant(), h.Line + 1);
                    sections.Add(h2);
                    break;
                case HeadingBlock { Level: >= 3 } h when h2 is not null:
                    h2.Subsections.Add(new Section(HeadingText(markdown, h), h.Line + 1));
                    break;
                default:
                    if (h2 is not null) (h2.Subsections.Count > 0 ? h2.Subsections[^1] : h2).Blocks.Add(block);
                    break;
            }
        }

        Section Get(string name) => sections.FirstOrDefault(s => s.Name == name) ?? new Section(name, 0);
        return new HelpDocument
        {
            FilePath = filePath,
            FrontMatter = frontMatter,
            Title = title,
            Sections = [.. sections.Select(s => s.Name)],
            Synopsis = Paragraphs(markdown, Get("SYNOPSIS").Blocks),
            Description = Paragraphs(markdown, Get("DESCRIPTION").Blocks),
            Notes = Paragraphs(markdown, Get("NOTES").Blocks),
            Syntax = [.. Get("SYNTAX").Subsections.Select(s => Syntax(s))],
            Examples = [.. Get("EXAMPLES").Subsections.Select(s => Example(markdown, s))],
            Parameters = [.. Get("PARAMETERS").Subsections.Where(s => s.Name.StartsWith('-')).Select(s => Parameter(markdown, s))],
            Inputs = [.. Get("INPUTS").Subsections.Select(s => new HelpTypeEntry(s.Name, Paragraphs(markdown, s.Blocks)))],
            Outputs = [.. Get("OUTPUTS").Subsections.Select(s => new HelpTypeEntry(s.Name, Paragraphs(markdown, s.Blocks)))],
            RelatedLinks = Links(markdown, Get("RELATED LINKS").Blocks),
        };
    }

    /// <summary>"Key: value" lines of a PlatyPS YAML block (flat, no nesting).</summary>
    public static IEnumerable<(string Key, string Value)> YamlLines(string yaml)
    {
        foreach (var raw in yaml.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line == "---" || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            yield return (line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
    }

    private static HelpSyntax Syntax(Section s)
    {
        const string defaultSuffix = " (Default)";
        var isDefault = s.Name.EndsWith(defaultSuffix, StringComparison.Ordinal);
        var name = isDefault ? s.Name[..^defaultSuffix.Length] : s.Name;
        var code = s.Blocks.OfType<FencedCodeBlock>().Select(CodeText).FirstOrDefault() ?? "";
        return new HelpSyntax(name.Trim(), isDefault, code);
    }

    private static HelpExample Example(string markdown, Section s)
    {
        var code = s.Blocks.OfType<FencedCodeBlock>().FirstOrDefault(IsPowerShell);
        var remarks = Paragraphs(markdown, s.Blocks.Where(b => b != code));
        return new HelpExample(s.Name, code is null ? null : CodeText(code), remarks);
    }

    private static HelpParameter Parameter(string markdown, Section s)
    {
        var yamlBlocks = s.Blocks.OfType<FencedCodeBlock>().Where(b => b.Info == "yaml")
            .Select(b => (IReadOnlyDictionary<string, string>)YamlLines(CodeText(b))
                .GroupBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var description = Paragraphs(markdown, s.Blocks.Where(b => b is not FencedCodeBlock { Info: "yaml" }));
        return new HelpParameter(s.Name[1..].Trim(), description, yamlBlocks, s.Line);
    }

    public static bool IsPowerShell(FencedCodeBlock block) =>
        string.Equals(block.Info, "powershell", StringComparison.OrdinalIgnoreCase);

    public static string CodeText(FencedCodeBlock block) =>
        string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString())).TrimEnd();

    /// <summary>
    /// One string per block. A prose paragraph's hard-wrapped lines are joined with spaces, because Get-Help
    /// wraps text itself; code and lists keep their lines.
    /// </summary>
    private static List<string> Paragraphs(string markdown, IEnumerable<Block> blocks) =>
        [.. blocks.Select(b => b switch
            {
                FencedCodeBlock code => CodeText(code),
                ParagraphBlock => string.Join(' ', SourceOf(markdown, b).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
                _ => SourceOf(markdown, b).Trim(),
            })
            .Where(t => t.Length > 0)];

    private static List<HelpLink> Links(string markdown, IEnumerable<Block> blocks) =>
        [.. blocks.SelectMany(b => LinkPattern().Matches(SourceOf(markdown, b)))
            .Select(m => new HelpLink(m.Groups["text"].Value.Trim(), m.Groups["uri"].Value.Trim()))];

    private static string HeadingText(string markdown, HeadingBlock h) => SourceOf(markdown, h).TrimStart('#').Trim();

    private static string SourceOf(string markdown, Block b) => markdown.Substring(b.Span.Start, b.Span.Length);

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)")]
    private static partial Regex LinkPattern();

    private sealed record Section(string Name, int Line)
    {
        public List<Block> Blocks { get; } = [];
        public List<Section> Subsections { get; } = [];
    }
}
