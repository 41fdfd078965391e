using SameSession.Surface.Manifest;
using SameSession.Surface.Model;
using SameSession.Surface.Rules;

namespace SameSession.Tests.Unit.Surface;

/// <summary>The manifest rule and the psd1 reader: the real manifest passes, each broken field is reported.</summary>
public class ManifestRuleTests
{
    /// <summary>The repository's manifest against the build output (module dll and format file side by side).</summary>
    internal static ManifestCheck RepoCheck(string? manifest = null) => new(
        manifest ?? Path.Combine(TestPaths.RepoRoot, "SameSession.psd1"),
        AppContext.BaseDirectory,
        BuildProps.ReadVersion(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props")));

    [Fact]
    public void Reader_handles_the_data_subset()
    {
        var psd1 = Psd1Reader.Read("""
            # comment
            @{
                A = 'it''s'; B = "x`"y"
                C = @('a', 'b'
                      'c')   # trailing comment
                D = 42
                E = @{ Inner = $true; Nothing = $null }
                F = 'p', 'q'
                <# block
                   comment #>
                'Quoted Key' = @()
            }
            """);
        Assert.Equal("it's", psd1["A"]);
        Assert.Equal("x\"y", psd1["b"]);
        Assert.Equal(["a", "b", "c"], Assert.IsType<List<object?>>(psd1["C"]));
        Assert.Equal(42L, psd1["D"]);
        var inner = Assert.IsType<Dictionary<string, object?>>(psd1["E"]);
        Assert.Equal(true, inner["Inner"]);
        Assert.Null(inner["Nothing"]);
        Assert.Equal(["p", "q"], Assert.IsType<List<object?>>(psd1["F"]));
        Assert.Empty(Assert.IsType<List<object?>>(psd1["Quoted Key"]));
    }

    [Theory]
    [InlineData("@{ A = 'open }", "not closed")]
    [InlineData("@{ A = $env:HOME }", "only $true, $false and $null")]
    [InlineData("@{ A = 1\n A = 2 }", "appears twice")]
    [InlineData("@{ A = \"$x\" }", "use single quotes")]
    [InlineData("@{ A = 1 } extra", "after the closing")]
    public void Reader_rejects_what_is_not_data_with_the_line(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Psd1Reader.Read(text, "x.psd1"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("x.psd1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_field_is_reported()
    {
        using var temp = new TempDir("psd1");
        File.Copy(Path.Combine(Surfaces.TestData, "Broken.psd1"), temp.Combine("SameSession.psd1"));
        File.Copy(Path.Combine(Surfaces.TestData, "Broken.format.ps1xml"), temp.Combine("Broken.format.ps1xml"));
        var violations = SurfaceRules.Manifest(Surfaces.Module, new ManifestCheck(temp.Combine("SameSession.psd1"), temp.Path, "0.1.0")).ToList();
        var text = Surfaces.Describe(violations);

        foreach (var cmdlet in Surfaces.Module.Cmdlets.Where(c => c.Name != "Get-AgentSession"))
        {
            Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestExports && v.Cmdlet == cmdlet.Name && v.Message.Contains($"add '{cmdlet.Name}'", StringComparison.Ordinal));
        }
        if (Surfaces.Module.Find("Get-AgentSession") is null)
        {
            Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestExports && v.Cmdlet == "Get-AgentSession" && v.Message.Contains("remove it", StringComparison.Ordinal));
        }
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestExports && v.Message.Contains("wildcard 'Test-Same*'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestExports && v.Cmdlet == "tss");
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestExports && v.Message.StartsWith("FunctionsToExport", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestExports && v.Message.StartsWith("VariablesToExport", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestFile && v.Message.Contains("RootModule 'SameSession.Missing.dll'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestField && v.Message.Contains("ModuleVersion '9.9.9'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestField && v.Message.Contains("GUID 'not-a-guid'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestField && v.Message.Contains("CompatiblePSEditions", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestField && v.Message.Contains("PowerShellVersion", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.ManifestFile && v.Message.Contains("'Absent.format.ps1xml'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.RuleId == RuleIds.FormatTypeName && v.Message.Contains("Broken.format.ps1xml:7", StringComparison.Ordinal)
            && v.Message.Contains("RenamedStatus", StringComparison.Ordinal));
        // 11 broken fields, plus one "add" per compiled cmdlet other than the listed Get-AgentSession, or one "remove" for it.
        var exportsOff = Surfaces.Module.Find("Get-AgentSession") is null ? Surfaces.Module.Cmdlets.Count + 1 : Surfaces.Module.Cmdlets.Count - 1;
        Assert.True(violations.Count == 11 + exportsOff, text);
    }

    [Fact]
    public void Malformed_format_xml_is_reported_with_its_line()
    {
        using var temp = new TempDir("fmt");
        var manifest = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "SameSession.psd1"));
        File.WriteAllText(temp.Combine("SameSession.psd1"), manifest);
        File.Copy(Surfaces.ModuleDll, temp.Combine("SameSession.PowerShell.dll"));
        File.WriteAllText(temp.Combine("SameSession.format.ps1xml"), "<Configuration>\n<ViewDefinitions>\n</Configuration>");
        var v = Assert.Single(SurfaceRules.Manifest(Surfaces.Module, RepoCheck(temp.Combine("SameSession.psd1")) with { LayoutDirectory = temp.Path }));
        Assert.Equal(RuleIds.ManifestFile, v.RuleId);
        Assert.Contains("not well-formed XML (line 3", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_that_differs_from_Directory_Build_props_is_reported()
    {
        var violations = SurfaceRules.Manifest(Surfaces.Module, RepoCheck() with { ExpectedVersion = "0.2.0" }).ToList();
        Assert.Contains(violations, v => v.Message.Contains("differs from Directory.Build.props Version '0.2.0'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Message.Contains("rebuild the module", StringComparison.Ordinal));
        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void Unparseable_manifest_is_one_violation_naming_the_line()
    {
        using var temp = new TempDir("bad");
        File.WriteAllText(temp.Combine("SameSession.psd1"), "@{\n RootModule = Get-Thing\n}");
        var v = Assert.Single(SurfaceRules.Manifest(Surfaces.Module, RepoCheck(temp.Combine("SameSession.psd1"))));
        Assert.Contains("SameSession.psd1:2", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_aliases_must_be_exported()
    {
        var aliased = Surfaces.Module with { Cmdlets = [.. Surfaces.Module.Cmdlets.Select(c => c with { Aliases = ["tss"] })] };
        var v = Assert.Single(SurfaceRules.Manifest(aliased, RepoCheck()));
        Assert.Equal((RuleIds.ManifestExports, "tss"), (v.RuleId, v.Cmdlet));
    }
}
