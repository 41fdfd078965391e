using SameSession.Core.Operations;

namespace SameSession.Tests.Unit.Discovery;

/// <summary>Keeps warnings and verbose messages (the cache reports what it rebuilt only verbosely).</summary>
internal sealed class VerboseObserver : IOperationObserver
{
    public List<string> Warnings { get; } = [];
    public List<string> Verbose { get; } = [];
    public void Progress(OperationProgress progress) { }
    public void Warning(string message) { lock (Warnings) Warnings.Add(message); }
    void IOperationObserver.Verbose(string message) { lock (Verbose) Verbose.Add(message); }
    public bool ShouldProcess(string target, string action) => true;
}
