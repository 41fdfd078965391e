using System.Management.Automation;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Sessions;

namespace SameSession.PowerShell;

/// <summary>Shared plumbing for the cmdlets: the observer, the environment, and error mapping.</summary>
public abstract class SameSessionCmdlet : PSCmdlet
{
    private protected IOperationObserver Observer => new CmdletObserver(this);

    private protected static AgentEnvironment Environment => AgentEnvironment.Current;

    /// <summary>Runs one unit of work; an expected failure becomes a non-terminating error and the pipeline goes on.</summary>
    private protected void Try(Action action, object? target = null)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is SameSessionException or IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecords.From(ex, target));
        }
    }

    /// <summary>A failed session becomes a non-terminating error; with -PassThru the moved sessions' results are written.</summary>
    private protected void WriteResults(IEnumerable<Core.Operations.Move.MoveResult> results, bool passThru)
    {
        foreach (var r in results)
        {
            if (r.Error is { } e)
            {
                var id = ErrorIds.Find(e.Id) ?? ErrorIds.Internal;
                WriteError(ErrorRecords.From(new SameSessionException(id, e.Message, e.Target), SessionKey(r)));
            }
            else if (passThru && r.Status == Core.Operations.Move.MoveStatus.Moved) WriteObject(r);
        }
    }

    private static string SessionKey(Core.Operations.Move.MoveResult r) => AgentSession.FormatKey(r.Provider, r.Id);

    /// <summary>Resolves a user path (relative to the current location, ~ expanded) to a file-system path.</summary>
    private protected string ResolvePath(string path) =>
        GetUnresolvedProviderPathFromPSPath(path);
}
