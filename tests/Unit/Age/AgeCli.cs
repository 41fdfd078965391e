using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Unit.Age;

/// <summary>Runs the age, age-keygen, ssh-keygen and script programs; a missing one fails the test.</summary>
internal static class AgeCli
{
    public static string Require(string program) =>
        ProcessRunner.FindOnPath(program)
        ?? throw new Xunit.Sdk.XunitException($"'{program}' is not on PATH; run .ci/prerequisites (apt-get install age openssh-client bsdutils).");

    public static ProcessResult Run(string program, params string[] args)
    {
        var r = ProcessRunner.Run(Require(program), args, timeout: TimeSpan.FromMinutes(1));
        Assert.True(r.Succeeded, $"{program} {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr}");
        return r;
    }

    /// <summary>age reads passphrases only from a terminal, so run it under script(1), which gives it a pty.</summary>
    public static ProcessResult RunWithTerminal(string input, params string[] ageArgs)
    {
        var age = Require("age");
        var command = string.Join(' ', new[] { age }.Concat(ageArgs).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return ProcessRunner.Run(Require("script"), ["-q", "-e", "-c", command, "/dev/null"], stdin: input, timeout: TimeSpan.FromMinutes(1));
    }

    /// <summary>age -o does not create the output file when the plaintext is empty.</summary>
    public static byte[] ReadOutput(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];
}
