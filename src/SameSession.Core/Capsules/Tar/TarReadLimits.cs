namespace SameSession.Core.Capsules.Tar;

/// <summary>Bounds a reader enforces while it walks an untrusted archive.</summary>
public sealed record TarReadLimits(long MaxEntrySize, int MaxEntries)
{
    public static TarReadLimits Default { get; } = new(64L * 1024 * 1024 * 1024, 100_000);
}
