using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using SameSession.Core.Sessions;

namespace SameSession.PowerShell.Completers;

/// <summary>Completes -Id with the ids of discovered sessions, limited to the -Provider values bound so far.</summary>
public sealed class SessionIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var providers = fakeBoundParameters?.Contains("Provider") == true ? fakeBoundParameters["Provider"] : null;
        var catalog = new SessionCatalog(AgentEnvironment.Current);
        return SessionIdCompletion.Complete(catalog, providers, wordToComplete)
            .Select(c => new CompletionResult(c.Id, c.Id, CompletionResultType.ParameterValue, c.ToolTip));
    }
}
