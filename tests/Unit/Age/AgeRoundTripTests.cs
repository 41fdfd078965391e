using System.Text;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Age;

public class AgeRoundTripTests
{
    [Theory]
    [MemberData(nameof(AgeTestData.SizeData), MemberType = typeof(AgeTestData))]
    public void X25519_round_trips_binary_and_armored(int size)
    {
        var id = X25519Identity.Generate();
        var plain = AgeTestData.Payload(size);
        foreach (var armor in new[] { false, true })
        {
            var file = AgeTestData.Encrypt(plain, [id.Recipient], armor);
            Assert.Equal(armor, Encoding.ASCII.GetString(file, 0, 10) == "-----BEGIN");
            Assert.Equal(plain, AgeTestData.Decrypt(file, [id]));
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(65536, 1)]
    [InlineData(65537, 2)]
    [InlineData(131072, 2)]
    [InlineData(131073, 3)]
    public void Payload_has_one_tagged_chunk_per_64_KiB_and_never_an_empty_last_chunk(int size, int chunks)
    {
        var id = X25519Identity.Generate();
        var file = AgeTestData.Encrypt(AgeTestData.Payload(size), [id.Recipient]);
        var headerEnd = file.AsSpan().IndexOf("\n--- "u8) + 5 + 43 + 1;
        Assert.Equal(16 + size + 16 * chunks, file.Length - headerEnd);
    }

    [Fact]
    public void Any_of_several_recipients_opens_the_file_and_a_stranger_gets_no_match()
    {
        var a = X25519Identity.Generate();
        var b = X25519Identity.Generate();
        var plain = AgeTestData.Payload(1000);
        var file = AgeTestData.Encrypt(plain, [a.Recipient, b.Recipient]);
        Assert.Equal(plain, AgeTestData.Decrypt(file, [b]));
        Assert.Equal(plain, AgeTestData.Decrypt(file, [X25519Identity.Generate(), a]));
        var ex = Assert.Throws<AgeException>(() => AgeTestData.Decrypt(file, [X25519Identity.Generate()]));
        Assert.Equal((AgeFailure.NoMatch, ErrorIds.NoMatchingIdentity), (ex.Failure, ex.Error));
    }

    [Fact]
    public void Scrypt_round_trips_and_a_wrong_passphrase_is_no_match()
    {
        var plain = AgeTestData.Payload(70000);
        var file = AgeTestData.Encrypt(plain, [new ScryptRecipient("correct horse", workFactor: 10)], armor: true);
        Assert.Equal(plain, AgeTestData.Decrypt(file, [new ScryptIdentity("correct horse")]));
        var ex = Assert.Throws<AgeException>(() => AgeTestData.Decrypt(file, [new ScryptIdentity("wrong")]));
        Assert.Equal(AgeFailure.NoMatch, ex.Failure);
        Assert.Equal(AgeFailure.Header, Assert.Throws<AgeException>(() => AgeTestData.Decrypt(file, [new ScryptIdentity("correct horse", maxWorkFactor: 9)])).Failure);
    }

    [Fact]
    public void Scrypt_cannot_be_mixed_with_other_recipients()
    {
        var ex = Assert.Throws<SameSessionException>(() =>
            AgeEncryption.Encrypt(new MemoryStream(), [new ScryptRecipient("pw", 10), X25519Identity.Generate().Recipient]));
        Assert.Equal(ErrorIds.InvalidArgument, ex.Error);
    }

    [Fact]
    public void A_changed_payload_byte_is_tampering_and_a_cut_file_is_detected()
    {
        var id = X25519Identity.Generate();
        var file = AgeTestData.Encrypt(AgeTestData.Payload(200000), [id.Recipient]);
        var flipped = (byte[])file.Clone();
        flipped[^100] ^= 1;
        var ex = Assert.Throws<AgeException>(() => AgeTestData.Decrypt(flipped, [id]));
        Assert.Equal((AgeFailure.Payload, ErrorIds.CapsuleTampered), (ex.Failure, ex.Error));
        // Cut exactly after the second full chunk: every chunk verifies but the last one is missing.
        var headerEnd = file.AsSpan().IndexOf("\n--- "u8) + 5 + 43 + 1;
        var cut = file[..(headerEnd + 16 + 2 * 65552)];
        Assert.Equal(AgeFailure.Payload, Assert.Throws<AgeException>(() => AgeTestData.Decrypt(cut, [id])).Failure);
    }

    [Fact]
    public void Encrypting_streams_chunks_out_before_dispose()
    {
        var id = X25519Identity.Generate();
        var sink = new MemoryStream();
        using (var enc = AgeEncryption.Encrypt(sink, [id.Recipient], leaveOpen: true))
        {
            enc.Write(new byte[10 * 65536 + 5]);
            Assert.True(sink.Length > 10 * 65552, $"only {sink.Length} bytes written before dispose");
        }
        Assert.Equal(10 * 65536 + 5, AgeTestData.Decrypt(sink.ToArray(), [id]).Length);
    }

    [Fact]
    public void Decrypting_reads_the_source_a_chunk_at_a_time()
    {
        var id = X25519Identity.Generate();
        var file = AgeTestData.Encrypt(AgeTestData.Payload(2_000_000), [id.Recipient]);
        var source = new MemoryStream(file);
        using var dec = AgeEncryption.Decrypt(source, [id]);
        var first = new byte[100];
        Assert.Equal(100, dec.Read(first));
        Assert.True(source.Position < 3 * 65552, $"read {source.Position} of {file.Length} bytes for the first 100 plaintext bytes");
    }

    [Fact]
    public void Keys_round_trip_through_their_text_forms()
    {
        // The age specification's example identity and its recipient.
        var spec = X25519Identity.Parse("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
        Assert.Equal("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj", spec.Recipient.ToString());
        var id = X25519Identity.Generate();
        Assert.Equal(id.ToString(), X25519Identity.Parse(id.ToString()).ToString());
        Assert.Matches("^AGE-SECRET-KEY-1[0-9A-Z]{58}$", id.ToString());
        Assert.Equal(id.Recipient, AgeKeys.ParseRecipient(id.Recipient.ToString()));
        Assert.Throws<SameSessionException>(() => X25519Identity.Parse(id.ToString().ToLowerInvariant()));
        Assert.Throws<SameSessionException>(() => AgeKeys.ParseRecipient(id.Recipient.ToString().ToUpperInvariant()));
        var text = id.Recipient.ToString();
        var damaged = text[..^1] + (text[^1] == 'q' ? 'p' : 'q'); // always a different last character: the checksum must fail
        Assert.Throws<SameSessionException>(() => AgeKeys.ParseRecipient(damaged));
    }

    [Fact]
    public void Key_files_skip_comments_and_blank_lines()
    {
        var a = X25519Identity.Generate();
        var b = X25519Identity.Generate();
        var ids = AgeKeys.ParseIdentities($"# created: now\n# public key: {a.Recipient}\n{a}\n\r\n{b}\r\n");
        Assert.Equal([a.ToString(), b.ToString()], ids.Select(i => i.ToString()));
        var recipients = AgeKeys.ParseRecipientsFile($"# team\n{a.Recipient}\n\n  {b.Recipient}  \n");
        Assert.Equal([a.Recipient, b.Recipient], recipients);
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<SameSessionException>(() => AgeKeys.ParseIdentities("# nothing\n")).Error);
    }
}
