using SameSession.Core.Errors;

namespace SameSession.Tests.Unit.Errors;

public class ErrorIdTests
{
    [Fact]
    public void Exit_codes_and_names_are_unique()
    {
        Assert.Equal(ErrorIds.All.Count, ErrorIds.All.Select(e => e.ExitCode).Distinct().Count());
        Assert.Equal(ErrorIds.All.Count, ErrorIds.All.Select(e => e.Name).Distinct().Count());
        Assert.DoesNotContain(ErrorIds.All, e => e.ExitCode == 0);
    }

    [Fact]
    public void Readme_error_table_lists_every_id_with_its_exit_code()
    {
        var readme = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var rows = readme.Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(c => c.Length > 3 && int.TryParse(c[2], out _))
            .ToDictionary(c => c[1].Trim('`'), c => int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var e in ErrorIds.All)
        {
            Assert.True(rows.TryGetValue(e.Name, out var code), $"README error table lacks {e.Name}");
            Assert.Equal(e.ExitCode, code);
        }
        Assert.Equal(ErrorIds.All.Count, rows.Count);
    }

    [Fact]
    public void Bcl_exceptions_map_to_stable_ids()
    {
        Assert.Equal(ErrorIds.PathNotFound, ErrorReport.Classify(new FileNotFoundException("x")));
        Assert.Equal(ErrorIds.IoFailed, ErrorReport.Classify(new IOException("x")));
        Assert.Equal(ErrorIds.InvalidArgument, ErrorReport.Classify(new ArgumentException("x")));
        var report = ErrorReport.From(new SameSessionException(ErrorIds.SessionLocked, "busy", "ClaudeCode:1"));
        Assert.Equal(("SessionLocked", "ResourceBusy", "ClaudeCode:1", 4), (report.Id, report.Category, report.Target, report.ExitCode));
    }
}
