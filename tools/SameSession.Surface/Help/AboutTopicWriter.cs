using System.Text;
using Markdig;
using Markdig.Syntax;

namespace SameSession.Surface.Help;

/// <summary>
/// Turns an about_*.md page (# about_X, ## SHORT DESCRIPTION, ## LONG DESCRIPTION, more ## sections) into the
/// plain-text about_X.help.txt Get-Help shows: TOPIC header, upper-case section titles, text indented 4 spaces,
/// code indented 8. The ## CMDLETS section gets every cmdlet and its synopsis appended, so it never goes stale.
/// </summary>
public static class AboutTopicWriter
{
    private const string Indent = "    ";

    public const string CmdletsSection = "CMDLETS";

    public static string Convert(string markdown, IReadOnlyList<(string Name, string Synopsis)>? cmdlets = null)
    {
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseYamlFrontMatter().Build());
        var sb = new StringBuilder();
        string? section = null;
        void EndSection()
        {
            if (section != CmdletsSection || cmdlets is null) return;
            foreach (var (name, synopsis) in cmdlets)
            {
                sb.Append(Indent).Append(name).Append('\n').Append(Indent).Append(Indent).Append(Plain(synopsis)).Append("\n\n");
            }
        }

        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock { Level: <= 2 } h:
                    EndSection();
                    section = h.Level == 2 ? Text(markdown, h).ToUpperInvariant() : null;
                    if (h.Level == 1) sb.Append("TOPIC\n").Append(Indent).Append(Text(markdown, h)).Append("\n\n");
                    else sb.Append(section).Append('\n');
                    break;
                case HeadingBlock h:
                    sb.Append(Indent).Append(Text(markdown, h).ToUpperInvariant()).Append('\n');
                    break;
                case FencedCodeBlock code:
                    foreach (var line in HelpMarkdownParser.CodeText(code).Split('\n')) sb.Append(Indent).Append(Indent).Append(line).Append('\n');
                    sb.Append('\n');
                    break;
                case Markdig.Extensions.Yaml.YamlFrontMatterBlock or HtmlBlock:
                    break;
                default:
                    foreach (var line in Source(markdown, block).Split('\n')) sb.Append(Indent).Append(Plain(line.TrimEnd())).Append('\n');
                    sb.Append('\n');
                    break;
            }
        }
        EndSection();
        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Text(string markdown, HeadingBlock h) => Plain(Source(markdown, h).TrimStart('#').Trim());

    private static string Source(string markdown, Block b) => markdown.Substring(b.Span.Start, b.Span.Length);

    /// <summary>Drops the markdown emphasis marks a plain-text page would show literally.</summary>
    private static string Plain(string line) => line.Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal);
}
