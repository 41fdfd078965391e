using SameSession.Core.Operations;

namespace SameSession.Cli;

/// <summary>Warnings and progress to stderr; with --what-if every change is printed and skipped.</summary>
internal sealed class CliObserver : IOperationObserver
{
    private readonly TextWriter _err;
    private readonly bool _whatIf;
    private readonly bool _verbose;
    private readonly bool _quiet;

    public CliObserver(TextWriter err, bool whatIf = false, bool verbose = false, bool quiet = false)
    {
        _err = err;
        _whatIf = whatIf;
        _verbose = verbose;
        _quiet = quiet;
    }

    public int WarningCount { get; private set; }

    public void Progress(OperationProgress progress)
    {
        if (_verbose && !progress.Completed) _err.WriteLine($"[{progress.PercentComplete,3}%] {progress.Activity}: {progress.Status}");
    }

    public void Warning(string message)
    {
        WarningCount++;
        if (!_quiet) _err.WriteLine($"warning: {message}");
    }

    public void Verbose(string message)
    {
        if (_verbose) _err.WriteLine($"verbose: {message}");
    }

    public bool ShouldProcess(string target, string action)
    {
        if (!_whatIf) return true;
        Console.Out.WriteLine($"What if: {action} \"{target}\"");
        return false;
    }
}
