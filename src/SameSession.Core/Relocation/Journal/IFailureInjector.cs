namespace SameSession.Core.Relocation.Journal;

/// <summary>
/// Called before every durable action of a transaction, numbered from 0. Tests throw
/// <see cref="SimulatedCrashException"/> to stop dead at that point (no cleanup, as a kill would), or any other
/// exception to exercise the in-process rollback.
/// </summary>
public interface IFailureInjector
{
    void BeforeStep(int index, string action);
}

/// <summary>Thrown by a failure injector to simulate a crash: the transaction leaves everything as it is.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("Simulated crash.") { }
    public SimulatedCrashException(string message) : base(message) { }
    public SimulatedCrashException(string message, Exception inner) : base(message, inner) { }
}
