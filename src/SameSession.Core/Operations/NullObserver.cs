namespace SameSession.Core.Operations;

/// <summary>An observer that approves every change and records warnings (tests, library callers).</summary>
public sealed class RecordingObserver : IOperationObserver
{
    private readonly bool _approve;

    public RecordingObserver(bool approve = true) => _approve = approve;

    public List<string> Warnings { get; } = [];
    public List<string> Planned { get; } = [];

    public void Progress(OperationProgress progress) { }
    public void Warning(string message) { lock (Warnings) Warnings.Add(message); }
    public void Verbose(string message) { }

    public bool ShouldProcess(string target, string action)
    {
        lock (Planned) Planned.Add($"{action}: {target}");
        return _approve;
    }
}
