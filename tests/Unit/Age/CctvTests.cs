using System.Security.Cryptography;
using SameSession.Core.Crypto.Age;

namespace SameSession.Tests.Unit.Age;

/// <summary>Runs every CCTV age vector that needs no post-quantum key and checks the exact outcome.</summary>
public class CctvTests
{
    public static TheoryData<string> Runnable()
    {
        var data = new TheoryData<string>();
        foreach (var name in CctvVector.AllNames().Where(n => !CctvVector.Load(n).NeedsPostQuantum)) data.Add(name);
        return data;
    }

    [Fact]
    public void The_vendored_set_has_143_vectors_of_which_125_run_without_post_quantum_keys()
    {
        Assert.Equal(143, CctvVector.AllNames().Count());
        Assert.Equal(125, Runnable().Count);
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public void Vector_has_the_expected_outcome(string name)
    {
        var v = CctvVector.Load(name);
        var identities = new List<IAgeIdentity>();
        identities.AddRange(v.Identities.Where(i => !i.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal)).Select(X25519Identity.Parse));
        identities.AddRange(v.Passphrases.Select(p => new ScryptIdentity(p)));
        if (identities.Count == 0) identities.Add(X25519Identity.Generate());

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AgeFailure? failure = null;
        try
        {
            using var plain = AgeEncryption.Decrypt(new MemoryStream(v.File), identities, v.Armored ? AgeInputFormat.Armored : AgeInputFormat.Binary);
            var buffer = new byte[8192];
            int n;
            while ((n = plain.Read(buffer)) > 0) hash.AppendData(buffer, 0, n);
        }
        catch (AgeException ex)
        {
            failure = ex.Failure;
        }

        var expected = v.Expect switch
        {
            "success" => (AgeFailure?)null,
            "no match" => AgeFailure.NoMatch,
            "HMAC failure" => AgeFailure.HeaderMac,
            "header failure" => AgeFailure.Header,
            "payload failure" => AgeFailure.Payload,
            "armor failure" => AgeFailure.Armor,
            _ => throw new InvalidOperationException($"unknown expectation '{v.Expect}' in {name}"),
        };
        Assert.Equal(expected, failure);
        if (v.Payload is { } payload)
            Assert.Equal(payload, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
