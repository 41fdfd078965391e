namespace SameSession.Core.Capsules;

/// <summary>What a reader accepts from a manifest before it extracts anything.</summary>
public sealed record CapsuleReadLimits(long MaxTotalSize, long MaxFileSize)
{
    public static CapsuleReadLimits Default { get; } = new(32L * 1024 * 1024 * 1024, 8L * 1024 * 1024 * 1024);
}
