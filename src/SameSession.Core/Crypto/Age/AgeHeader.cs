using System.Security.Cryptography;
using System.Text;

namespace SameSession.Core.Crypto.Age;

/// <summary>The age v1 header: strict parsing (by structure, never by searching), writing and the header MAC.</summary>
internal sealed class AgeHeader
{
    public const string VersionLine = "age-encryption.org/v1";
    private const int MaxLine = 64 * 1024;
    private const int MaxHeader = 16 * 1024 * 1024;

    private AgeHeader(IReadOnlyList<AgeStanza> stanzas, byte[] macInput, byte[] mac)
    {
        Stanzas = stanzas;
        MacInput = macInput;
        Mac = mac;
    }

    public IReadOnlyList<AgeStanza> Stanzas { get; }

    /// <summary>The raw header bytes from "age-encryption.org/v1" through the "---" of the MAC line.</summary>
    public byte[] MacInput { get; }

    public byte[] Mac { get; }

    public static AgeHeader Parse(ByteSource source)
    {
        var raw = new List<byte>(512);
        var version = ReadLine(source, raw);
        if (!version.SequenceEqual(Encoding.ASCII.GetBytes(VersionLine)))
        {
            if (version.AsSpan().StartsWith("age-encryption.org/"u8))
                throw new AgeException(AgeFailure.Header, Errors.ErrorIds.UnsupportedFormat,
                    $"The age file uses version '{Encoding.ASCII.GetString(version)}'; this build reads only {VersionLine}. Decrypt it with a newer age.");
            throw AgeException.Header("the first line is not " + VersionLine);
        }

        var stanzas = new List<AgeStanza>();
        while (true)
        {
            var lineStart = raw.Count;
            var line = ReadLine(source, raw);
            if (line.AsSpan().StartsWith("---"u8))
            {
                if (stanzas.Count == 0) throw AgeException.Header("there is no recipient stanza");
                var mac = ParseMacLine(line);
                return new AgeHeader(stanzas, raw.GetRange(0, lineStart + 3).ToArray(), mac);
            }
            if (!line.AsSpan().StartsWith("->"u8)) throw AgeException.Header("a line starts with neither '->' nor '---'");
            stanzas.Add(ParseStanza(line, source, raw));
        }
    }

    private static AgeStanza ParseStanza(byte[] argLine, ByteSource source, List<byte> raw)
    {
        foreach (var b in argLine)
            if (b != ' ' && (b < 33 || b > 126)) throw AgeException.Header("a stanza argument has an invalid character");
        var parts = Encoding.ASCII.GetString(argLine).Split(' ');
        if (parts[0] != "->" || parts.Length < 2) throw AgeException.Header("a stanza has no type");
        if (parts.Any(p => p.Length == 0)) throw AgeException.Header("a stanza has an empty argument");

        var body = new List<byte>();
        while (true)
        {
            var line = ReadLine(source, raw);
            var chunk = StrictBase64.DecodeUnpadded(line) ?? throw AgeException.Header("a stanza body is not canonical base64");
            if (chunk.Length > 48) throw AgeException.Header("a stanza body line is longer than 64 columns");
            body.AddRange(chunk);
            if (chunk.Length < 48) break;
        }
        return new AgeStanza(parts[1], parts[2..], [.. body]);
    }

    private static byte[] ParseMacLine(byte[] line)
    {
        var parts = Encoding.ASCII.GetString(line).Split(' ');
        if (parts.Length != 2 || parts[0] != "---") throw AgeException.Header("the MAC line is malformed");
        var mac = StrictBase64.DecodeUnpadded(parts[1]);
        if (mac is not { Length: 32 }) throw AgeException.Header("the header MAC is not canonical base64 of 32 bytes");
        return mac;
    }

    /// <summary>One LF-terminated line without its LF; recorded in <paramref name="raw"/>.</summary>
    private static byte[] ReadLine(ByteSource source, List<byte> raw)
    {
        var line = new List<byte>(80);
        if (!source.ReadLine(line, MaxLine, () => AgeException.Header("a header line is longer than 64 KiB")))
            throw AgeException.Header("the file ends inside the header");
        if (raw.Count + line.Count > MaxHeader) throw AgeException.Header("the header is larger than 16 MiB");
        raw.AddRange(line);
        return line.GetRange(0, line.Count - 1).ToArray();
    }

    public bool MacMatches(ReadOnlySpan<byte> fileKey) =>
        CryptographicOperations.FixedTimeEquals(ComputeMac(fileKey, MacInput), Mac);

    private static byte[] ComputeMac(ReadOnlySpan<byte> fileKey, byte[] macInput)
    {
        var key = AgeCrypto.Hkdf(fileKey, [], "header"u8);
        return HMACSHA256.HashData(key, macInput);
    }

    /// <summary>Encodes a header for <paramref name="stanzas"/> with its MAC under <paramref name="fileKey"/>.</summary>
    public static byte[] Write(IEnumerable<AgeStanza> stanzas, ReadOnlySpan<byte> fileKey)
    {
        var sb = new StringBuilder(VersionLine).Append('\n');
        foreach (var s in stanzas)
        {
            sb.Append("-> ").Append(s.Type);
            foreach (var a in s.Args) sb.Append(' ').Append(a);
            sb.Append('\n');
            var b64 = StrictBase64.EncodeUnpadded(s.Body);
            // Always end with a short line, empty when the body is a multiple of 48 bytes.
            for (var i = 0; i <= b64.Length; i += 64)
                sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
        }
        sb.Append("---");
        var macInput = Encoding.ASCII.GetBytes(sb.ToString());
        var mac = ComputeMac(fileKey, macInput);
        sb.Append(' ').Append(StrictBase64.EncodeUnpadded(mac)).Append('\n');
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
