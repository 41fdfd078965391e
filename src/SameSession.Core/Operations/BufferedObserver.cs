using System.Collections.Concurrent;

namespace SameSession.Core.Operations;

/// <summary>
/// Collects warnings and verbose messages from worker threads so they can be replayed on the caller's thread
/// (a cmdlet may only write to its streams from the pipeline thread).
/// </summary>
internal sealed class BufferedObserver : IOperationObserver
{
    private readonly ConcurrentQueue<Message> _messages = new();

    public void Progress(OperationProgress progress) { }
    public void Warning(string message) => _messages.Enqueue(new Message(true, message));
    public void Verbose(string message) => _messages.Enqueue(new Message(false, message));
    public bool ShouldProcess(string target, string action) => false;

    public void ReplayTo(IOperationObserver target)
    {
        while (_messages.TryDequeue(out var m))
        {
            if (m.IsWarning) target.Warning(m.Text);
            else target.Verbose(m.Text);
        }
    }

    /// <summary>A class, not a tuple: a queue of references needs no code compiled at run time.</summary>
    private sealed record Message(bool IsWarning, string Text);
}
