namespace SameSession.Core.Providers.Acpx;

/// <summary>acpx's file naming: records and their event streams are named by encodeURIComponent(record id).</summary>
internal static class AcpxNames
{
    public const string Schema = "acpx.session.v1";

    /// <summary>JavaScript encodeURIComponent (one implementation, shared with the archive reader).</summary>
    public static string EncodeUriComponent(string value) => Capsules.Acpx.AcpxArchive.EncodeUriComponent(value);

    public static string RecordFile(string sessionsDir, string recordId) => Path.Combine(sessionsDir, EncodeUriComponent(recordId) + ".json");

    public static string ActiveStream(string sessionsDir, string recordId) => Path.Combine(sessionsDir, EncodeUriComponent(recordId) + ".stream.ndjson");

    public static string StreamSegment(string sessionsDir, string recordId, int n) => Path.Combine(sessionsDir, $"{EncodeUriComponent(recordId)}.stream.{n}.ndjson");

    public static string StreamLock(string sessionsDir, string recordId) => Path.Combine(sessionsDir, EncodeUriComponent(recordId) + ".stream.lock");
}
