using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Policy;

namespace SameSession.Core.Operations.Export;

/// <summary>One session ready to be packed: its manifest, the entry sources, its findings; disposing removes redacted copies.</summary>
public sealed class PreparedExport(CapsuleManifest manifest, IReadOnlyList<CapsuleFileSource> sources, IReadOnlyList<SecretFinding> findings, string spool) : IDisposable
{
    public CapsuleManifest Manifest { get; } = manifest;
    public IReadOnlyList<CapsuleFileSource> Sources { get; } = sources;
    public IReadOnlyList<SecretFinding> Findings { get; } = findings;

    public void Dispose()
    {
        if (Directory.Exists(spool)) Directory.Delete(spool, recursive: true);
    }
}
