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

    /// <summary>Resolves a user path (relative to the current location, ~ expanded) to a file-system path.</summary>
    private protected string ResolvePath(string path) =>
        GetUnresolvedProviderPathFromPSPath(path);
}
