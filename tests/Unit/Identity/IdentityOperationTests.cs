using SameSession.Core.Crypto.Age;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Identity;

public class IdentityOperationTests
{
    private static AgentEnvironment Env(TempDir home, string? xdg = null) =>
        new(home.Path, xdg is null ? null : new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = xdg });

    [Fact]
    public void Default_path_honours_XDG_CONFIG_HOME_and_falls_back_to_dot_config()
    {
        using var home = new TempDir("id");
        Assert.Equal(Path.Combine(home.Path, ".config", "samesession", "identity.txt"), IdentityFile.DefaultPath(Env(home)));
        Assert.Equal(Path.Combine(home.Path, "cfg", "samesession", "identity.txt"), IdentityFile.DefaultPath(Env(home, home.Combine("cfg"))));
    }

    [Fact]
    public void New_writes_an_owner_only_identity_whose_recipient_it_returns()
    {
        using var home = new TempDir("id");
        var info = NewIdentityOperation.Run(Env(home), null, new RecordingObserver())!;
        var file = IdentityFile.DefaultPath(Env(home));
        Assert.Equal(file, info.Path);
        Assert.Null(info.Secret);
        var identity = (X25519Identity)AgeKeys.ParseIdentities(File.ReadAllText(file)).Single();
        Assert.Equal(identity.Recipient.ToString(), info.Recipient);
        Assert.Contains($"# public key: {info.Recipient}\n", File.ReadAllText(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void New_never_overwrites_an_existing_identity()
    {
        using var home = new TempDir("id");
        var path = home.Combine("mine.txt");
        NewIdentityOperation.Run(Env(home), path, new RecordingObserver());
        var before = File.ReadAllText(path);
        var ex = Assert.Throws<SameSessionException>(() => NewIdentityOperation.Run(Env(home), path, new RecordingObserver()));
        Assert.Equal((ErrorIds.DestinationExists, path), (ex.Error, ex.Target));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void New_with_what_if_plans_and_writes_nothing()
    {
        using var home = new TempDir("id");
        var observer = new RecordingObserver(approve: false);
        Assert.Null(NewIdentityOperation.Run(Env(home), home.Combine("x", "id.txt"), observer));
        Assert.Single(observer.Planned);
        Assert.False(Directory.Exists(home.Combine("x")));
    }

    [Fact]
    public void Get_returns_recipients_and_the_secret_only_when_asked()
    {
        using var home = new TempDir("id");
        var created = NewIdentityOperation.Run(Env(home), null, new RecordingObserver())!;
        var plain = GetIdentityOperation.Run(Env(home), null, includeSecret: false, new RecordingObserver()).Single();
        Assert.Equal((created.Recipient, "X25519", (string?)null), (plain.Recipient, plain.Type, plain.Secret));
        var withSecret = GetIdentityOperation.Run(Env(home), null, includeSecret: true, new RecordingObserver()).Single();
        Assert.Equal(created.Recipient, X25519Identity.Parse(withSecret.Secret!).Recipient.ToString());
    }

    [Fact]
    public void Get_warns_when_others_can_read_the_file_and_fails_when_it_is_missing()
    {
        using var home = new TempDir("id");
        var path = home.Combine("shared.txt");
        File.WriteAllText(path, X25519Identity.Generate() + "\n");
        var observer = new RecordingObserver();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            GetIdentityOperation.Run(Env(home), path, false, observer);
            Assert.Contains(observer.Warnings, w => w.Contains("chmod 600", StringComparison.Ordinal));
        }
        var ex = Assert.Throws<SameSessionException>(() => GetIdentityOperation.Run(Env(home), home.Combine("none.txt"), false, observer));
        Assert.Equal(ErrorIds.PathNotFound, ex.Error);
    }

    [Fact]
    public void Get_reads_an_openssh_private_key_and_never_returns_its_secret()
    {
        using var home = new TempDir("id");
        var key = home.Combine("id_ed25519");
        Age.AgeCli.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "me@host", "-f", key);
        var info = GetIdentityOperation.Run(Env(home), key, includeSecret: true, new RecordingObserver()).Single();
        Assert.Equal("ssh-ed25519", info.Type);
        Assert.Equal(File.ReadAllText(key + ".pub").Split(' ')[1], info.Recipient.Split(' ')[1]);
        Assert.Null(info.Secret);
    }
}
