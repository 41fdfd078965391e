using System.Globalization;
using System.Text;

namespace SameSession.Core.Capsules.Tar;

/// <summary>The 512-byte POSIX ustar header: field offsets, octal numbers and the checksum.</summary>
internal static class TarHeader
{
    public const int BlockSize = 512;
    public const byte RegularFile = (byte)'0';
    public const byte RegularFileOld = 0;
    public const byte PaxExtended = (byte)'x';

    // Offsets and lengths from POSIX.1-1988 ustar.
    public const int NameOffset = 0, NameLength = 100;
    public const int ModeOffset = 100, UidOffset = 108, GidOffset = 116, IdLength = 8;
    public const int SizeOffset = 124, SizeLength = 12;
    public const int MtimeOffset = 136, MtimeLength = 12;
    public const int ChecksumOffset = 148, ChecksumLength = 8;
    public const int TypeOffset = 156;
    public const int LinkNameOffset = 157;
    public const int MagicOffset = 257, VersionOffset = 263;
    public const int UnameOffset = 265, GnameOffset = 297;
    public const int PrefixOffset = 345, PrefixLength = 155;

    /// <summary>The largest size an 11-digit octal field can hold (8 GiB - 1); bigger files get a PAX size record.</summary>
    public const long MaxOctalSize = (1L << 33) - 1;

    public static void Encode(Span<byte> block, string name, string prefix, long size, int mode, long mtime, byte type)
    {
        block[..BlockSize].Clear();
        WriteText(block.Slice(NameOffset, NameLength), name);
        WriteOctal(block.Slice(ModeOffset, IdLength), mode);
        WriteOctal(block.Slice(UidOffset, IdLength), 0);
        WriteOctal(block.Slice(GidOffset, IdLength), 0);
        WriteOctal(block.Slice(SizeOffset, SizeLength), size);
        WriteOctal(block.Slice(MtimeOffset, MtimeLength), mtime);
        block[TypeOffset] = type;
        "ustar\0"u8.CopyTo(block[MagicOffset..]);
        "00"u8.CopyTo(block[VersionOffset..]);
        WriteText(block.Slice(PrefixOffset, PrefixLength), prefix);
        var sum = Checksum(block);
        // Six octal digits, NUL, space: the form every tar writes and reads.
        WriteText(block.Slice(ChecksumOffset, ChecksumLength), Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
    }

    /// <summary>Sum of the header's bytes with the checksum field counted as spaces.</summary>
    public static int Checksum(ReadOnlySpan<byte> block)
    {
        var sum = 0;
        for (var i = 0; i < BlockSize; i++)
            sum += i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? ' ' : block[i];
        return sum;
    }

    public static bool IsZero(ReadOnlySpan<byte> block) => !block[..BlockSize].ContainsAnyExcept((byte)0);

    /// <summary>A NUL-terminated (or full-width) UTF-8 field; null when it is not valid UTF-8.</summary>
    public static string? ReadText(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var bytes = end < 0 ? field : field[..end];
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>An octal field padded with spaces or NULs; null for base-256 or any other form.</summary>
    public static long? ReadOctal(ReadOnlySpan<byte> field)
    {
        var text = Encoding.ASCII.GetString(field).Trim(' ', '\0');
        if (text.Length == 0 || text.Length > 12) return text.Length == 0 ? 0 : null;
        foreach (var c in text) if (c is < '0' or > '7') return null;
        return Convert.ToInt64(text, 8);
    }

    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        WriteText(field, digits);
    }

    private static void WriteText(Span<byte> field, string text)
    {
        var n = Encoding.UTF8.GetBytes(text, field);
        if (n < field.Length) field[n] = 0;
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
