namespace SameSession.Core.Providers.Codex;

/// <summary>
/// <c>thread-writer-locks/&lt;thread id&gt;.lock</c>: a running Codex holds an OS lock on its thread's file. A clean
/// exit deletes the file; a killed process leaves it but the kernel drops the lock. So: live = file present
/// and its lock held by someone else.
/// </summary>
internal static class CodexWriterLocks
{
    public const string DirectoryName = "thread-writer-locks";

    public static bool IsHeld(string codexHome, string threadId)
    {
        var file = Path.Combine(codexHome, DirectoryName, threadId + ".lock");
        if (!File.Exists(file)) return false;
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
