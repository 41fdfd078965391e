namespace SameSession.Packager;

/// <summary>Writes en-US help (MAML + about topic) from docs/help.</summary>
internal static class HelpStep
{
    public static void Write(RepoLayout repo)
    {
        var target = Path.Combine(repo.ModuleOut, "en-US");
        Directory.CreateDirectory(target);
        // Placeholder until the markdown → MAML generator lands.
        File.WriteAllText(Path.Combine(target, "SameSession.PowerShell.dll-Help.xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\" xmlns=\"http://msh\" />\n");
        File.WriteAllText(Path.Combine(target, "about_SameSession.help.txt"), "TOPIC\n    about_SameSession\n");
    }
}
