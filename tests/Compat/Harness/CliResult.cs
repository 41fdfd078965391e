namespace SameSession.Tests.Compat.Harness;

/// <summary>What one agent CLI run produced.</summary>
public sealed record CliResult(string Agent, IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Throws with the full output when the run failed, so a failing test shows why.</summary>
    public CliResult EnsureSuccess()
    {
        if (!Succeeded) throw new InvalidOperationException(Describe());
        return this;
    }

    public string Describe() =>
        $"{Agent} {string.Join(' ', Arguments)} -> exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n" +
        $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
