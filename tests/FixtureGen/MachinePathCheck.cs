using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

/// <summary>Refuses a fixture that still holds a path of this machine (temp folder, repo, user home).</summary>
public static class MachinePathCheck
{
    public static void AssertClean(string folder)
    {
        string[] forbidden =
        [
            Path.GetTempPath().TrimEnd('/') + "/ssh-", AgentClis.RepoRoot.TrimEnd('/'),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/",
        ];
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(folder, file);
            foreach (var bad in forbidden)
                if (text.Contains(bad, StringComparison.Ordinal) || relative.Contains(bad, StringComparison.Ordinal))
                    throw new InvalidOperationException($"{file} still contains the machine path '{bad}'.");
        }
    }
}
