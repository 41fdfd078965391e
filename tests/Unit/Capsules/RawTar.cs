using System.Globalization;
using System.Text;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>
/// Builds tar bytes by hand, independent of the product's writer, so tests can craft what no honest writer emits:
/// links, devices, bad checksums, GNU names, traversal, truncation.
/// </summary>
internal sealed class RawTar
{
    private readonly MemoryStream _out = new();

    public RawTar File(string name, string content, byte type = (byte)'0', string prefix = "", int mode = 420, bool breakChecksum = false, string magic = "ustar\0", string version = "00", long? sizeOverride = null, string linkName = "")
    {
        var data = Encoding.UTF8.GetBytes(content);
        Header(name, sizeOverride ?? data.Length, type, prefix, mode, breakChecksum, magic, version, linkName);
        Data(data);
        return this;
    }

    public RawTar Pax(params (string Key, string Value)[] records)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in records)
        {
            var body = $" {k}={v}\n";
            var len = Encoding.UTF8.GetByteCount(body) + 1;
            while (len != Encoding.UTF8.GetByteCount(body) + len.ToString(CultureInfo.InvariantCulture).Length) len++;
            sb.Append(len.ToString(CultureInfo.InvariantCulture)).Append(body);
        }
        var data = Encoding.UTF8.GetBytes(sb.ToString());
        Header("PaxHeaders/x", data.Length, (byte)'x', "", 420, false, "ustar\0", "00", "");
        Data(data);
        return this;
    }

    public RawTar Header(string name, long size, byte type, string prefix = "", int mode = 420, bool breakChecksum = false, string magic = "ustar\0", string version = "00", string linkName = "")
    {
        var h = new byte[512];
        Put(h, 0, 100, name);
        Put(h, 100, 8, Oct(mode, 7));
        Put(h, 108, 8, Oct(0, 7));
        Put(h, 116, 8, Oct(0, 7));
        Put(h, 124, 12, Oct(size, 11));
        Put(h, 136, 12, Oct(0, 11));
        h[156] = type;
        Put(h, 157, 100, linkName);
        Put(h, 257, 6, magic);
        Put(h, 263, 2, version);
        Put(h, 345, 155, prefix);
        for (var i = 148; i < 156; i++) h[i] = (byte)' ';
        var sum = h.Sum(b => (int)b) + (breakChecksum ? 1 : 0);
        Put(h, 148, 8, Oct(sum, 6) + "\0 ");
        _out.Write(h);
        return this;
    }

    public RawTar Data(byte[] data)
    {
        _out.Write(data);
        var pad = (512 - data.Length % 512) % 512;
        _out.Write(new byte[pad]);
        return this;
    }

    public RawTar End(int zeroBlocks = 2)
    {
        _out.Write(new byte[512 * zeroBlocks]);
        return this;
    }

    public RawTar Bytes(byte[] raw)
    {
        _out.Write(raw);
        return this;
    }

    public byte[] ToArray() => _out.ToArray();

    private static string Oct(long v, int digits) => Convert.ToString(v, 8).PadLeft(digits, '0');

    private static void Put(byte[] h, int offset, int length, string text)
    {
        var b = Encoding.UTF8.GetBytes(text);
        Array.Copy(b, 0, h, offset, Math.Min(b.Length, length));
    }
}
