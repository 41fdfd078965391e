using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SameSession.Core.Crypto.Age;

/// <summary>Reads the SSH wire encoding (RFC 4251 strings and mpints) and computes age's key tag.</summary>
internal ref struct SshWire
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public SshWire(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly bool AtEnd => _pos == _data.Length;

    /// <summary>Null when the data is too short (the caller reports which key is malformed).</summary>
    public byte[]? ReadString()
    {
        if (ReadUInt32() is not { } len || len > (uint)(_data.Length - _pos)) return null;
        var s = _data.Slice(_pos, (int)len).ToArray();
        _pos += (int)len;
        return s;
    }

    public string? ReadText() => ReadString() is { } b ? Encoding.ASCII.GetString(b) : null;

    public uint? ReadUInt32()
    {
        if (_data.Length - _pos < 4) return null;
        var v = BinaryPrimitives.ReadUInt32BigEndian(_data[_pos..]);
        _pos += 4;
        return v;
    }

    /// <summary>A non-negative mpint as a BouncyCastle integer.</summary>
    public Org.BouncyCastle.Math.BigInteger? ReadMpint() =>
        ReadString() is { } b ? new Org.BouncyCastle.Math.BigInteger(1, b) : null;

    /// <summary>age's 4-byte key tag: the first bytes of SHA-256 of the public key blob, unpadded base64.</summary>
    public static string Tag(ReadOnlySpan<byte> publicBlob) => StrictBase64.EncodeUnpadded(SHA256.HashData(publicBlob).AsSpan(0, 4));
}
