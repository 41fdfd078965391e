using System.Text;
using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Crypto.Age;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>Builds capsules for tests: real sources, measured manifests, one X25519 key per test class.</summary>
internal static class CapsuleTestKit
{
    public static readonly X25519Identity Key = X25519Identity.Generate();

    public static CapsuleFileSource Text(string path, string content, string role = "transcript") =>
        CapsuleFileSource.FromBytes(path, role, Encoding.UTF8.GetBytes(content));

    public static CapsuleFileSource[] Sources() =>
    [
        Text("native/projects/-home-me-src-api/6a1c.jsonl", "{\"type\":\"user\",\"cwd\":\"/home/me/src/api\"}\n{\"type\":\"assistant\"}\n"),
        Text("native/projects/-home-me-src-api/6a1c/subagents/agent-1.jsonl", "{\"type\":\"user\"}\n", "subagent"),
        Text("db/opencode.db/session.jsonl", "{\"id\":\"ses_abc\",\"directory\":\"/home/me/src/api\"}\n", "db-rows"),
    ];

    public static CapsuleManifest ManifestFor(IEnumerable<CapsuleFileSource> sources) =>
        ManifestTests.Sample([.. sources.Select(s => s.Measure())]) with
        {
            DbRows = sources.Any(s => s.Path == "db/opencode.db/session.jsonl") ? [new DbRowSet("opencode.db", "session", "db/opencode.db/session.jsonl", 1)] : [],
        };

    public static byte[] Encrypted(CapsuleFileSource[]? sources = null, CapsuleManifest? manifest = null, IAgeRecipient? to = null)
    {
        sources ??= Sources();
        var ms = new MemoryStream();
        CapsuleWriter.Write(ms, manifest ?? ManifestFor(sources), sources, [to ?? Key.Recipient]);
        return ms.ToArray();
    }

    /// <summary>The plaintext path: gzip(tar) with no encryption, through the internal seam.</summary>
    public static byte[] Plain(CapsuleFileSource[]? sources = null, CapsuleManifest? manifest = null)
    {
        sources ??= Sources();
        var ms = new MemoryStream();
        CapsuleWriter.Write(ms, manifest ?? ManifestFor(sources), sources, d => new NonClosing(d));
        return ms.ToArray();
    }

    public static CapsuleReader OpenPlain(byte[] capsule) => CapsuleReader.Open(new MemoryStream(capsule), s => s);

    /// <summary>A pass-through whose Dispose leaves the destination open, like age's leaveOpen.</summary>
    private sealed class NonClosing(Stream inner) : SameSession.Core.Crypto.Age.WriteOnlyStream
    {
        public override bool CanWrite => true;
        public override void Flush() => inner.Flush();
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
