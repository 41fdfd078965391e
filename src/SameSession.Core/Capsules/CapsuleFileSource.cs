using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Streams;

namespace SameSession.Core.Capsules;

/// <summary>Where the bytes of one capsule entry come from. <see cref="Open"/> is called once per pass and must give the same bytes.</summary>
public sealed record CapsuleFileSource(string Path, string Role, Func<Stream> Open, bool Executable = false)
{
    public static CapsuleFileSource FromFile(string entryPath, string role, string file, bool executable = false) =>
        new(entryPath, role, () => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.SequentialScan), executable);

    public static CapsuleFileSource FromBytes(string entryPath, string role, byte[] content) =>
        new(entryPath, role, () => new MemoryStream(content, writable: false));

    /// <summary>Reads the source once to give its manifest record (size and SHA-256).</summary>
    public CapsuleFile Measure()
    {
        using var hashing = new HashingReadStream(Open());
        hashing.CopyTo(Stream.Null);
        return new CapsuleFile(Path, Role, hashing.Count, hashing.Sha256Hex(), Executable);
    }
}
