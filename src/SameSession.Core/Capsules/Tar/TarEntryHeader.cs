namespace SameSession.Core.Capsules.Tar;

/// <summary>A regular-file entry as the strict reader accepted it.</summary>
public sealed record TarEntryHeader(string Path, long Size, bool Executable);
