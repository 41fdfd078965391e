using System.Text;
using SameSession.Core.Crypto.Age;

namespace SameSession.Tests.Unit.Age;

/// <summary>Interoperability with Debian's age 1.1.1 in both directions. These fail when age is not installed.</summary>
public class AgeInteropTests
{
    [Theory]
    [MemberData(nameof(AgeTestData.SizeData), MemberType = typeof(AgeTestData))]
    public void Age_cli_files_decrypt_here_binary_and_armored(int size)
    {
        using var dir = new TempDir("age");
        AgeCli.Run("age-keygen", "-o", dir.Combine("key.txt"));
        var recipient = AgeCli.Run("age-keygen", "-y", dir.Combine("key.txt")).StdOut.Trim();
        var plain = AgeTestData.Payload(size);
        File.WriteAllBytes(dir.Combine("plain"), plain);
        var identities = AgeKeys.ParseIdentities(File.ReadAllText(dir.Combine("key.txt")));
        AgeCli.Run("age", "-r", recipient, "-o", dir.Combine("f.age"), dir.Combine("plain"));
        AgeCli.Run("age", "-a", "-r", recipient, "-o", dir.Combine("f.asc"), dir.Combine("plain"));
        Assert.Equal(plain, AgeTestData.Decrypt(File.ReadAllBytes(dir.Combine("f.age")), identities, AgeInputFormat.Binary));
        Assert.Equal(plain, AgeTestData.Decrypt(File.ReadAllBytes(dir.Combine("f.asc")), identities, AgeInputFormat.Armored));
    }

    [Theory]
    [MemberData(nameof(AgeTestData.SizeData), MemberType = typeof(AgeTestData))]
    public void Files_encrypted_here_decrypt_with_the_age_cli_binary_and_armored(int size)
    {
        using var dir = new TempDir("age");
        var id = X25519Identity.Generate();
        File.WriteAllText(dir.Combine("key.txt"), $"# public key: {id.Recipient}\n{id}\n");
        var plain = AgeTestData.Payload(size);
        foreach (var armor in new[] { false, true })
        {
            File.WriteAllBytes(dir.Combine("f.age"), AgeTestData.Encrypt(plain, [id.Recipient], armor));
            File.Delete(dir.Combine("out"));
            AgeCli.Run("age", "-d", "-i", dir.Combine("key.txt"), "-o", dir.Combine("out"), dir.Combine("f.age"));
            Assert.Equal(plain, AgeCli.ReadOutput(dir.Combine("out")));
        }
    }

    [Fact]
    public void Several_recipients_work_in_both_directions()
    {
        using var dir = new TempDir("age");
        AgeCli.Run("age-keygen", "-o", dir.Combine("a.txt"));
        AgeCli.Run("age-keygen", "-o", dir.Combine("b.txt"));
        var a = AgeCli.Run("age-keygen", "-y", dir.Combine("a.txt")).StdOut.Trim();
        var b = AgeCli.Run("age-keygen", "-y", dir.Combine("b.txt")).StdOut.Trim();
        var plain = AgeTestData.Payload(100000);
        File.WriteAllBytes(dir.Combine("plain"), plain);

        AgeCli.Run("age", "-r", a, "-r", b, "-o", dir.Combine("theirs.age"), dir.Combine("plain"));
        Assert.Equal(plain, AgeTestData.Decrypt(File.ReadAllBytes(dir.Combine("theirs.age")), AgeKeys.ParseIdentities(File.ReadAllText(dir.Combine("b.txt")))));

        File.WriteAllBytes(dir.Combine("ours.age"), AgeTestData.Encrypt(plain, [AgeKeys.ParseRecipient(a), AgeKeys.ParseRecipient(b)]));
        AgeCli.Run("age", "-d", "-i", dir.Combine("b.txt"), "-o", dir.Combine("out"), dir.Combine("ours.age"));
        Assert.Equal(plain, File.ReadAllBytes(dir.Combine("out")));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void Ssh_keys_work_in_both_directions(string type)
    {
        using var dir = new TempDir("ssh");
        var key = dir.Combine("id");
        AgeCli.Run("ssh-keygen", ["-q", "-t", type, .. (type == "rsa" ? new[] { "-b", "2048" } : []), "-N", "", "-C", "test", "-f", key]);
        var plain = AgeTestData.Payload(200000);
        File.WriteAllBytes(dir.Combine("plain"), plain);
        var identities = AgeKeys.ParseIdentities(File.ReadAllText(key));
        var recipient = AgeKeys.ParseRecipient(File.ReadAllText(key + ".pub"));

        AgeCli.Run("age", "-R", key + ".pub", "-o", dir.Combine("theirs.age"), dir.Combine("plain"));
        Assert.Equal(plain, AgeTestData.Decrypt(File.ReadAllBytes(dir.Combine("theirs.age")), identities));

        File.WriteAllBytes(dir.Combine("ours.age"), AgeTestData.Encrypt(plain, [recipient], armor: true));
        AgeCli.Run("age", "-d", "-i", key, "-o", dir.Combine("out"), dir.Combine("ours.age"));
        Assert.Equal(plain, File.ReadAllBytes(dir.Combine("out")));

        // A stanza that names this key but does not decrypt is damage (an error), one for another key is skipped.
        var unwrapper = (IStanzaUnwrapper)identities.Single();
        var tag = recipient is SshRsaRecipient rsa ? rsa.Tag : ((SshEd25519Recipient)recipient).Tag;
        string[] args = type == "rsa" ? [tag] : [tag, StrictBase64.EncodeUnpadded(new byte[32] { 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31 })];
        var damaged = Assert.Throws<AgeException>(() => unwrapper.Unwrap([new AgeStanza("ssh-" + type, args, new byte[32])]));
        Assert.Equal(AgeFailure.Header, damaged.Failure);
        args[0] = "AAAAAA";
        Assert.Null(unwrapper.Unwrap([new AgeStanza("ssh-" + type, args, new byte[32])]));

        var stranger = X25519Identity.Generate();
        Assert.Equal(AgeFailure.NoMatch, Assert.Throws<AgeException>(() => AgeTestData.Decrypt(File.ReadAllBytes(dir.Combine("theirs.age")), [stranger])).Failure);
    }

    [Fact]
    public void Passphrases_work_in_both_directions_through_a_terminal()
    {
        using var dir = new TempDir("pass");
        const string pass = "correct horse battery staple";
        var plain = AgeTestData.Payload(70000);
        File.WriteAllBytes(dir.Combine("plain"), plain);

        var enc = AgeCli.RunWithTerminal($"{pass}\n{pass}\n", "-p", "-o", dir.Combine("theirs.age"), dir.Combine("plain"));
        Assert.True(enc.Succeeded, $"age -p failed: {enc.StdOut}{enc.StdErr}");
        Assert.Equal(plain, AgeTestData.Decrypt(File.ReadAllBytes(dir.Combine("theirs.age")), [new ScryptIdentity(pass)]));

        File.WriteAllBytes(dir.Combine("ours.age"), AgeTestData.Encrypt(plain, [new ScryptRecipient(pass, workFactor: 12)], armor: true));
        var dec = AgeCli.RunWithTerminal($"{pass}\n", "-d", "-o", dir.Combine("out"), dir.Combine("ours.age"));
        Assert.True(dec.Succeeded, $"age -d failed: {dec.StdOut}{dec.StdErr}");
        Assert.Equal(plain, File.ReadAllBytes(dir.Combine("out")));

        var wrong = AgeCli.RunWithTerminal("not it\n", "-d", "-o", dir.Combine("wrong"), dir.Combine("ours.age"));
        Assert.False(wrong.Succeeded);
        Assert.Contains("incorrect passphrase", wrong.StdOut + wrong.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_files_are_read_by_both()
    {
        using var dir = new TempDir("age");
        AgeCli.Run("age-keygen", "-o", dir.Combine("theirs.txt"));
        var theirs = (X25519Identity)AgeKeys.ParseIdentities(File.ReadAllText(dir.Combine("theirs.txt"))).Single();
        Assert.Equal(AgeCli.Run("age-keygen", "-y", dir.Combine("theirs.txt")).StdOut.Trim(), theirs.Recipient.ToString());

        var ours = X25519Identity.Generate();
        File.WriteAllText(dir.Combine("ours.txt"), ours + "\n", Encoding.ASCII);
        Assert.Equal(ours.Recipient.ToString(), AgeCli.Run("age-keygen", "-y", dir.Combine("ours.txt")).StdOut.Trim());
    }
}
