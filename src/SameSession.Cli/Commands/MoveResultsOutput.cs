using SameSession.Core.Errors;
using SameSession.Core.Operations.Move;

namespace SameSession.Cli.Commands;

/// <summary>Text output and exit code for move and repair batches.</summary>
internal static class MoveResultsOutput
{
    public static void Print(IReadOnlyList<MoveResult> results, TextWriter o)
    {
        foreach (var r in results)
        {
            var key = $"{r.Provider}:{r.Id}";
            switch (r.Status)
            {
                case MoveStatus.Moved:
                    o.WriteLine($"moved    {key}  {r.OldDirectory} -> {r.NewDirectory}{(r.Reason is null ? "" : $"  ({r.Reason})")}");
                    break;
                case MoveStatus.Skipped:
                    o.WriteLine($"skipped  {key}  {r.OldDirectory}{(r.NewDirectory is null ? "" : $" -> {r.NewDirectory}")}  ({r.Reason})");
                    break;
                default:
                    o.WriteLine($"failed   {key}  {r.Error?.Message ?? r.Reason}");
                    break;
            }
        }
        o.WriteLine($"{results.Count(r => r.Status == MoveStatus.Moved)} moved, {results.Count(r => r.Status == MoveStatus.Skipped)} skipped, {results.Count(r => r.Status == MoveStatus.Failed)} failed");
    }

    /// <summary>0 when nothing failed; a lone failure keeps its own code; several mean PartialFailure.</summary>
    public static int ExitCode(IReadOnlyList<MoveResult> results)
    {
        var failed = results.Where(r => r.Status == MoveStatus.Failed).ToList();
        if (failed.Count == 0) return 0;
        if (failed.Count == 1 && results.Count == 1) return failed[0].Error?.ExitCode ?? ErrorIds.PartialFailure.ExitCode;
        return ErrorIds.PartialFailure.ExitCode;
    }
}
