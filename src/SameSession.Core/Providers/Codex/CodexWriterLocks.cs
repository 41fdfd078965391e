namespace SameSession.Core.Providers.Codex;

/// <summary>
/// <c>thread-writer-locks/&lt;thread id&gt;.lock</c>: a running Codex holds an OS lock on its thread's file. A clean
/// exit deletes the file; a killed process leaves it but the kernel drops the lock. So: live = file present
/// and its lock held by someone else.
/// </summary>
internal static class CodexWriterLocks
{
    public const string DirectoryName = "thread-writer-locks";
    private const string Extension = ".lock";

    public static bool IsHeld(string codexHome, string threadId)
    {
        var file = Path.Combine(codexHome, DirectoryName, threadId + Extension);
        return File.Exists(file) && IsHeld(file);
    }

    /// <summary>The thread ids that have a lock file now: one directory read, so only those are probed.</summary>
    public static HashSet<string> Present(string codexHome)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var folder = Path.Combine(codexHome, DirectoryName);
        if (!Directory.Exists(folder)) return ids;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension))
                ids.Add(Path.GetFileNameWithoutExtension(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No lock folder (or an unreadable one): no thread is known to be held.
        }
        return ids;
    }

    private static bool IsHeld(string file)
    {
        try
        {
            // Opening without sharing asks the OS for the same lock; we never write to the file.
            using var probe = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
