using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Tar;

namespace SameSession.Core.Capsules;

/// <summary>
/// A capsule extracted and fully verified into a private staging folder. Installers move files out of it;
/// disposing deletes whatever is left.
/// </summary>
public sealed class StagedCapsule : IDisposable
{
    internal StagedCapsule(string root, CapsuleManifest manifest)
    {
        Root = root;
        Manifest = manifest;
    }

    public string Root { get; }
    public CapsuleManifest Manifest { get; }

    /// <summary>The staged file for a manifest entry path.</summary>
    public string PathOf(string entryPath) => TarPath.Resolve(Root, entryPath);

    public void Dispose()
    {
        try { if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
