using System.Runtime.ExceptionServices;

namespace SameSession.Cli;

/// <summary>
/// Formats the second half of a long list on another core while the calling thread formats and writes the first half
/// (the process is otherwise idle by then). The result is taken in order, so the output is the same as formatting in
/// one pass; when no pool thread has picked the work up by the time it is needed, the caller does it itself.
/// </summary>
internal sealed class SecondHalf<T>
    where T : class
{
    /// <summary>Below this many items one pass is cheaper than handing work over.</summary>
    public const int MinimumItems = 1000;

    private readonly Func<T> _format;
    private readonly object _gate = new();
    private bool _done;
    private int _claimed;
    private T? _result;
    private Exception? _failure;

    private SecondHalf(Func<T> format) => _format = format;

    /// <summary>Starts formatting on the pool, or null when the list is short or there is one core (the caller then does it all).</summary>
    public static SecondHalf<T>? Start(int items, Func<T> format)
    {
        if (items < MinimumItems || Environment.ProcessorCount < 2) return null;
        var half = new SecondHalf<T>(format);
        ThreadPool.UnsafeQueueUserWorkItem(static h => h.Run(), half, preferLocal: false);
        return half;
    }

    /// <summary>The formatted second half, once it is done (formatted here if no pool thread has started it); a failure is rethrown.</summary>
    public T Result()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0) Format();
        lock (_gate)
        {
            while (!_done) Monitor.Wait(_gate);
        }
        if (_failure is not null) ExceptionDispatchInfo.Throw(_failure);
        return _result!;
    }

    private void Run()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0) Format();
    }

    private void Format()
    {
        try
        {
            _result = _format();
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
        finally
        {
            lock (_gate)
            {
                _done = true;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
