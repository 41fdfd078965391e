using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Porting;

/// <summary>What the cmdlets and the CLI hand to Core: keys from strings and files, and where each capsule goes.</summary>
public sealed class PortingFrontDoorTests : IDisposable
{
    private readonly TempDir _tmp = new("pfd");

    public void Dispose() => _tmp.Dispose();

    private static AgentSession Session(string id) => new() { Provider = AgentProvider.Codex, Id = id };

    [Fact]
    public void Recipients_come_from_strings_and_a_file_and_a_passphrase_stands_alone()
    {
        var a = X25519Identity.Generate();
        var b = X25519Identity.Generate();
        var file = _tmp.Combine("team.keys");
        File.WriteAllText(file, $"# team\n{b.Recipient}\n");

        Assert.Equal(2, CapsuleKeys.Recipients([a.Recipient.ToString()], file, null).Count);
        Assert.IsType<ScryptRecipient>(Assert.Single(CapsuleKeys.Recipients(null, null, "pw")));
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<SameSessionException>(() => CapsuleKeys.Recipients([a.Recipient.ToString()], null, "pw")).Error);
        var bad = Assert.Throws<SameSessionException>(() => CapsuleKeys.Recipients(["age1nope"], null, null));
        Assert.Equal(ErrorIds.InvalidArgument, bad.Error);
        Assert.Contains("age1nope", bad.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorIds.PathNotFound, Assert.Throws<SameSessionException>(() => CapsuleKeys.Recipients(null, _tmp.Combine("none"), null)).Error);
    }

    [Fact]
    public void Identities_default_to_the_users_identity_file_and_say_how_to_make_one()
    {
        var env = new AgentEnvironment(_tmp.Combine("home"));
        var missing = Assert.Throws<SameSessionException>(() => CapsuleKeys.Identities(env, null, null));
        Assert.Equal(ErrorIds.NoMatchingIdentity, missing.Error);
        Assert.Contains("New-SameSessionIdentity", missing.Message, StringComparison.Ordinal);

        var made = NewIdentityOperation.Run(env, null, new SameSession.Core.Operations.RecordingObserver())!;
        var identity = Assert.IsType<X25519Identity>(Assert.Single(CapsuleKeys.Identities(env, null, null)));
        Assert.Equal(made.Recipient, identity.Recipient.ToString());
        Assert.Equal(2, CapsuleKeys.Identities(env, [made.Path], "pw").Count);
    }

    [Fact]
    public void A_folder_gets_one_capsule_per_session_and_one_file_cannot_take_many()
    {
        var folder = _tmp.Combine("out") + Path.DirectorySeparatorChar;
        Assert.Equal(Path.Combine(folder, "Codex-s1.capsule"), ExportSessions.CapsulePath(folder, Session("s1"), many: true));
        Assert.True(Directory.Exists(folder));
        Assert.Equal(Path.Combine(_tmp.Path, "out", "Codex-s2.capsule"), ExportSessions.CapsulePath(_tmp.Combine("out"), Session("s2"), many: false));
        Assert.Equal(_tmp.Combine("one.capsule"), ExportSessions.CapsulePath(_tmp.Combine("one.capsule"), Session("s1"), many: false));
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<SameSessionException>(() => ExportSessions.CapsulePath(_tmp.Combine("one.capsule"), Session("s1"), many: true)).Error);
    }
}
