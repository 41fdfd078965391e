using System.Text.Json;
using SameSession.Core.Errors;
using SameSession.Tests.Unit.Cli;

namespace SameSession.Tests.Unit.Identity;

public class IdentityCliTests
{
    [Fact]
    public void Identity_new_then_show_prints_the_recipient_and_hides_the_secret()
    {
        using var dir = new TempDir("idcli");
        var env = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = dir.Path };
        var created = CliProcess.Run(env, "identity", "new", "--json");
        Assert.Equal(0, created.ExitCode);
        using var doc = JsonDocument.Parse(created.StdOut);
        var recipient = doc.RootElement.GetProperty("recipient").GetString()!;
        Assert.StartsWith("age1", recipient, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir.Path, "samesession", "identity.txt"), doc.RootElement.GetProperty("path").GetString());

        var shown = CliProcess.Run(env, "identity", "show");
        Assert.Equal((0, recipient), (shown.ExitCode, shown.StdOut.Trim()));
        Assert.DoesNotContain("AGE-SECRET-KEY", shown.StdOut + shown.StdErr, StringComparison.Ordinal);
        Assert.Contains("AGE-SECRET-KEY-1", CliProcess.Run(env, "identity", "show", "--include-secret").StdOut, StringComparison.Ordinal);

        var again = CliProcess.Run(env, "identity", "new");
        Assert.Equal(ErrorIds.DestinationExists.ExitCode, again.ExitCode);
    }

    [Fact]
    public void Identity_new_what_if_creates_nothing()
    {
        using var dir = new TempDir("idcli");
        var r = CliProcess.Run("identity", "new", "--path", dir.Combine("id.txt"), "--what-if");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("What if", r.StdOut, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("id.txt")));
    }

    [Fact]
    public void Age_decrypts_with_an_identity_made_by_identity_new()
    {
        using var dir = new TempDir("idcli");
        var path = dir.Combine("id.txt");
        var recipient = CliProcess.Run("identity", "new", "--path", path).StdOut.Trim();
        Assert.Equal(recipient, Age.AgeCli.Run("age-keygen", "-y", path).StdOut.Trim());
    }
}
