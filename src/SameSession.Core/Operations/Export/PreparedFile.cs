using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Policy;

namespace SameSession.Core.Operations.Export;

/// <summary>
/// One capsule entry after the secret pass: the source to pack (the original, or a redacted copy in a spool folder),
/// its manifest record (size and SHA-256 of exactly what will be packed) and its findings.
/// </summary>
internal sealed record PreparedFile(CapsuleFileSource Source, CapsuleFile Record, IReadOnlyList<SecretFinding> Findings, IReadOnlyList<SecretFinding> Redacted)
{
    /// <summary>Scans (findings name <paramref name="displayName"/>, the user's file) and measures in one read; with redaction on, writes the redacted copy under <paramref name="spool"/>.</summary>
    public static PreparedFile Prepare(CapsuleFileSource source, string displayName, SecretPolicy policy, string spool)
    {
        if (!policy.RedactSecrets)
        {
            using var hashing = new HashingReadStream(source.Open());
            var findings = SecretScanner.Scan(hashing, displayName);
            hashing.CopyTo(Stream.Null);
            return new PreparedFile(source, Measured(source, hashing), findings, []);
        }

        Directory.CreateDirectory(spool);
        var copy = Path.Combine(spool, Guid.NewGuid().ToString("N"));
        IReadOnlyList<SecretFinding> all;
        using (var input = new HashingReadStream(source.Open()))
        using (var output = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            all = SecretScanner.Redact(input, output, displayName, policy.ShouldRedact);
            input.CopyTo(Stream.Null);
            var redacted = all.Where(policy.ShouldRedact).ToList();
            if (redacted.Count == 0)
            {
                output.Dispose();
                File.Delete(copy);
                return new PreparedFile(source, Measured(source, input), all, []);
            }
        }
        var spooled = CapsuleFileSource.FromFile(source.Path, source.Role, copy, source.Executable);
        return new PreparedFile(spooled, spooled.Measure(), all, [.. all.Where(policy.ShouldRedact)]);
    }

    private static CapsuleFile Measured(CapsuleFileSource source, HashingReadStream read) =>
        new(source.Path, source.Role, read.Count, read.Sha256Hex(), source.Executable);
}
