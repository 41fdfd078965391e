using System.Text;
using System.Xml;
using SameSession.Surface.Model;

namespace SameSession.Surface.Help;

/// <summary>The packager's help step: docs/help markdown + compiled metadata → en-US MAML and about topics.</summary>
public static class HelpBuilder
{
    /// <summary>
    /// Writes &lt;assembly file name&gt;-Help.xml (one command per cmdlet) and about_*.help.txt for every about_*.md
    /// into <paramref name="outputFolder"/>. Throws naming the missing page when a cmdlet has no help.
    /// </summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Build(string helpFolder, CmdletSurface surface, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(surface);
        Directory.CreateDirectory(outputFolder);
        var pages = surface.Cmdlets.Select(c =>
        {
            var path = Path.Combine(helpFolder, c.Name + ".md");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{c.Name} has no help page {path}; copy docs/help/Test-SameSession.md to {c.Name}.md and describe the cmdlet.", path);
            }
            return (Cmdlet: c, Help: HelpMarkdownParser.ParseFile(path));
        }).ToList();

        var written = new List<string>();
        var maml = Path.Combine(outputFolder, surface.AssemblyFileName + "-Help.xml");
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using (var writer = XmlWriter.Create(maml, settings))
        {
            MamlWriter.Document(surface, pages).Save(writer);
        }
        written.Add(maml);

        foreach (var about in Directory.EnumerateFiles(helpFolder, "about_*.md").Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(about) + ".help.txt");
            var cmdlets = pages.Select(p => (p.Cmdlet.Name, string.Join(" ", p.Help.Synopsis))).ToList();
            File.WriteAllText(target, AboutTopicWriter.Convert(File.ReadAllText(about), cmdlets), new UTF8Encoding(false));
            written.Add(target);
        }
        return written;
    }
}
