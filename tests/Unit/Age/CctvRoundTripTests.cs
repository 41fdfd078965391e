using SameSession.Core.Crypto.Age;

namespace SameSession.Tests.Unit.Age;

/// <summary>Uses the vectors' file keys to check our encoders: headers re-encode byte for byte, STREAM re-encrypts exactly.</summary>
public class CctvRoundTripTests
{
    private static readonly string[] HeaderParses = ["success", "no match", "HMAC failure", "payload failure"];

    public static TheoryData<string> BinaryWithValidHeader() => Binary(HeaderParses);

    public static TheoryData<string> BinarySuccess() => Binary(["success"]);

    private static TheoryData<string> Binary(string[] expectations)
    {
        var data = new TheoryData<string>();
        foreach (var name in CctvVector.AllNames())
        {
            var v = CctvVector.Load(name);
            if (!v.Armored && expectations.Contains(v.Expect)) data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryWithValidHeader))]
    public void Header_re_encodes_to_the_same_bytes(string name)
    {
        var v = CctvVector.Load(name);
        var header = AgeHeader.Parse(new ByteSource(new MemoryStream(v.File)));
        var rewritten = AgeHeader.Write(header.Stanzas, Convert.FromHexString(v.Values("file key").Single()));
        Assert.Equal(header.MacInput, rewritten[..header.MacInput.Length]);
        if (v.Expect != "HMAC failure")
            Assert.Equal(v.File[..rewritten.Length], rewritten);
    }

    [Theory]
    [MemberData(nameof(BinarySuccess))]
    public void Successful_payloads_re_encrypt_to_the_same_bytes(string name)
    {
        var v = CctvVector.Load(name);
        var source = new ByteSource(new MemoryStream(v.File));
        var header = AgeHeader.Parse(source);
        var nonce = new byte[16];
        Assert.Equal(16, source.ReadAtMost(nonce));
        var payloadKey = StreamNonce.PayloadKey(Convert.FromHexString(v.Values("file key").Single()), nonce);
        var headerLength = header.MacInput.Length + " ".Length + 43 + "\n".Length;
        var ciphertext = v.File[(headerLength + 16)..];

        var plain = new MemoryStream();
        using (var dec = new AgeDecryptStream(new ByteSource(new MemoryStream(ciphertext)), payloadKey, null)) dec.CopyTo(plain);
        var again = new MemoryStream();
        using (var enc = new AgeEncryptStream(again, payloadKey, disposeOutput: false)) enc.Write(plain.ToArray());
        Assert.Equal(ciphertext, again.ToArray());
    }
}
