using SameSession.Core.Crypto.Age;

namespace SameSession.Tests.Unit.Age;

/// <summary>Payloads and helpers shared by the age tests.</summary>
internal static class AgeTestData
{
    /// <summary>Empty, one byte, around one chunk, and several chunks.</summary>
    public static readonly int[] Sizes = [0, 1, 65535, 65536, 65537, 200000];

    public static TheoryData<int> SizeData()
    {
        var d = new TheoryData<int>();
        foreach (var s in Sizes) d.Add(s);
        return d;
    }

    public static byte[] Payload(int size, int seed = 1)
    {
        var b = new byte[size];
        new Random(seed + size).NextBytes(b);
        return b;
    }

    public static byte[] Encrypt(byte[] plain, IReadOnlyList<IAgeRecipient> recipients, bool armor = false)
    {
        var ms = new MemoryStream();
        using (var enc = AgeEncryption.Encrypt(ms, recipients, armor, leaveOpen: true))
            enc.Write(plain);
        return ms.ToArray();
    }

    public static byte[] Decrypt(byte[] file, IReadOnlyList<IAgeIdentity> identities, AgeInputFormat format = AgeInputFormat.Auto)
    {
        using var dec = AgeEncryption.Decrypt(new MemoryStream(file), identities, format);
        using var ms = new MemoryStream();
        dec.CopyTo(ms);
        return ms.ToArray();
    }
}
