namespace SameSession.Core.Operations;

/// <summary>How an operation talks back to its front end (cmdlet or CLI) while it runs.</summary>
public interface IOperationObserver
{
    void Progress(OperationProgress progress);
    void Warning(string message);
    void Verbose(string message);

    /// <summary>Asks before each change; false means skip it (WhatIf, declined Confirm). Front ends print the plan.</summary>
    bool ShouldProcess(string target, string action);
}

public sealed record OperationProgress(string Activity, string Status, int PercentComplete, bool Completed = false, int ActivityId = 1);
