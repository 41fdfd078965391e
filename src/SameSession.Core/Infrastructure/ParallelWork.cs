namespace SameSession.Core.Infrastructure;

/// <summary>
/// A parallel loop over indices without Parallel.For's generic machinery (which a ReadyToRun image does not carry, so every
/// fresh process would compile it first). Pool workers and the calling thread take the next index in turn; the caller
/// waits only for items that were taken, never for a worker the pool has not started yet.
/// </summary>
internal static class ParallelWork
{
    /// <summary>Runs <paramref name="body"/> for 0..count-1 on up to <paramref name="maxThreads"/> threads (the caller's included;
    /// default: one per core). After a body throws, the remaining indices are skipped and the first exception is rethrown.</summary>
    public static void For(int count, Action<int> body, int maxThreads = int.MaxValue)
    {
        var helpers = Math.Min(Math.Min(Environment.ProcessorCount, maxThreads), count) - 1;
        if (helpers <= 0)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        var next = -1;
        var remaining = count;
        Exception? failure = null;
        var gate = new object();
        void Work()
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                try
                {
                    if (Volatile.Read(ref failure) is null) body(i);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }
                finally
                {
                    if (Interlocked.Decrement(ref remaining) == 0) lock (gate) Monitor.PulseAll(gate);
                }
            }
        }
        WaitCallback help = _ => Work();
        for (var h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(help, null);
        Work();
        lock (gate)
        {
            while (Volatile.Read(ref remaining) > 0) Monitor.Wait(gate);
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }
}
