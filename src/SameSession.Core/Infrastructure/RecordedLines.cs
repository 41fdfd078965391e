using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using SameSession.Core.Providers;

namespace SameSession.Core.Infrastructure;

/// <summary>Where a line lives in a JSON Lines file, so it can be read back and parsed after a scan.</summary>
internal readonly record struct LineRef(long Offset, long Length);

/// <summary>
/// Reads lines a scan recorded back by offset and parses them; the first malformed one is reported as a
/// warning naming the file (once per file, so a broken transcript does not flood the output). Each line is parsed once.
/// </summary>
internal sealed class RecordedLines<T>(SafeFileHandle handle, string path, DiscoveryContext context, Func<ReadOnlyMemory<byte>, T?> parse)
    where T : class
{
    private readonly Dictionary<long, T?> _parsed = [];
    private bool _warned;

    /// <summary>Opens a file for scanning while its agent may still append to, rename or delete it.</summary>
    public static SafeFileHandle Open(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    /// <summary>Whether a warning was reported for this file (its description is then not cached).</summary>
    public bool Warned => _warned;

    public T? Parse(LineRef at) => Parse(at, warn: true);

    public T? Parse(LineRef at, bool warn)
    {
        if (_parsed.TryGetValue(at.Offset, out var done)) return done;
        var tooLong = at.Length > JsonlLines.MaxLineBytes;
        var line = tooLong ? null : parse(JsonlLines.ReadLine(handle, at.Offset, at.Length));
        if (line is null && warn && !_warned)
        {
            _warned = true;
            context.Warn(path, $"the line at byte {at.Offset} is not valid JSON{(tooLong ? " or is too long to read" : "")}; it was skipped.");
        }
        _parsed[at.Offset] = line;
        return line;
    }

    public bool IsValid(LineRef at)
    {
        if (at.Length > JsonlLines.MaxLineBytes) return false;
        try
        {
            using var _ = JsonDocument.Parse(JsonlLines.ReadLine(handle, at.Offset, at.Length));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
