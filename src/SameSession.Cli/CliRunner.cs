using System.Text.Json.Serialization.Metadata;
using SameSession.Core.Errors;

namespace SameSession.Cli;

/// <summary>Runs an operation for a command: output as text or JSON, failures as exit codes from the stable error ids.</summary>
internal static class CliRunner
{
    /// <summary>Runs <paramref name="operation"/>; writes its result with <paramref name="text"/> or as JSON by <paramref name="contract"/>
    /// (picked from the contracts only then: a text run never builds them).</summary>
    public static int Run<T>(bool json, Func<CliJsonContext, JsonTypeInfo<T>> contract, Func<T> operation, Action<T, TextWriter> text, Func<T, int>? exitCode = null)
    {
        try
        {
            var result = operation();
            if (json) CliJson.WriteToStdout(result, contract);
            else WriteText(result, text);
            return exitCode?.Invoke(result) ?? 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Fail(json, ex);
        }
    }

    /// <summary>Text through one buffered writer: Console.Out flushes every line, a write call each (10,000 for a long list).</summary>
    private static void WriteText<T>(T result, Action<T, TextWriter> text)
    {
        Console.Out.Flush();
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        text(result, stdout);
    }

    public static int Fail(bool json, Exception ex)
    {
        var report = ErrorReport.From(ex);
        if (json)
            Console.Error.WriteLine(CliJson.Serialize(new CliError(report), CliJson.Context.CliError));
        else
        {
            Console.Error.WriteLine($"samesession: {report.Message}");
            Console.Error.WriteLine($"  error id: {report.Id}{(report.Target is null ? "" : $"; target: {report.Target}")}");
            if (report.Id == ErrorIds.Internal.Name) Console.Error.WriteLine(ex.ToString());
        }
        return report.ExitCode;
    }
}
