using System.Reflection;
using SameSession.Surface;
using SameSession.Surface.Model;
using SameSession.Surface.Rules;

namespace SameSession.Tests.Unit.Surface;

/// <summary>The real SameSession.PowerShell.dll read through metadata, and every surface rule passing on it.</summary>
public class ModuleSurfaceTests
{
    [Fact]
    public void The_loaded_dll_is_the_module_and_the_stub_SMA_was_not_copied()
    {
        Assert.True(File.Exists(Surfaces.ModuleDll), Surfaces.ModuleDll);
        Assert.Equal("SameSession.PowerShell", AssemblyName.GetAssemblyName(Surfaces.ModuleDll).Name);
        Assert.Equal(Surfaces.ModuleDll, Surfaces.Module.AssemblyPath);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "System.Management.Automation.dll")),
            "the PowerShellStandard stub must not be copied into the test output");
        Assert.True(File.Exists(TestPaths.SmaStub), TestPaths.SmaStub);
    }

    [Fact]
    public void Test_SameSession_reads_back_from_metadata()
    {
        var c = Assert.Single(Surfaces.Module.Cmdlets, c => c.Name == "Test-SameSession");
        Assert.Equal(("Test", "SameSession"), (c.Verb, c.Noun));
        Assert.Equal("SameSession.PowerShell.Commands.TestSameSessionCommand", c.ClassFullName);
        Assert.Equal("SameSession.PowerShell.Commands", c.Namespace);
        Assert.True(c.IsPublic && c.IsSealed && !c.IsAbstract && c.HasPublicParameterlessConstructor);
        Assert.Equal(["SameSession.Core.Operations.Doctor.DoctorReport", "System.Boolean"], c.OutputTypes.Select(o => o.TypeFullName));
        Assert.False(c.SupportsShouldProcess);
        var quiet = Assert.Single(c.Parameters);
        Assert.Equal(("Quiet", true, TypeShape.SwitchParameterFullName), (quiet.Name, quiet.IsSwitch, quiet.TypeFullName));
        var set = Assert.Single(quiet.Sets);
        Assert.Equal((ParameterSetInfo.AllSets, false, (int?)null, "False"), (set.Name, set.Mandatory, set.Position, set.PipelineInputText));
        Assert.Equal([ParameterSetInfo.AllSets], c.ParameterSetNames);
    }

    [Fact]
    public void Output_type_properties_and_module_types_are_captured()
    {
        var report = Surfaces.Module.Type("SameSession.Core.Operations.Doctor.DoctorReport");
        Assert.NotNull(report);
        Assert.Contains(report.Properties, p => p.Name == "IsHealthy" && p.TypeFullName == "System.Boolean");
        Assert.Contains("SameSession.Core.Operations.Doctor.AgentHomeStatus", Surfaces.Module.ModuleTypeNames);
        Assert.Contains("SameSession.Core.Sessions.AgentSession", Surfaces.Module.ModuleTypeNames);
    }

    [Fact]
    public void Approved_verbs_come_from_the_stub_without_reserved_ones()
    {
        var verbs = Surfaces.Module.ApprovedVerbs;
        Assert.Contains("Move", verbs);
        Assert.Contains("Repair", verbs);
        Assert.Contains("Use", verbs);
        Assert.DoesNotContain("Ping", verbs);
        Assert.True(verbs.Count > 90, $"only {verbs.Count} verbs read");
    }

    [Fact]
    public void Resolver_paths_are_unique_by_file_name_and_use_the_stub_SMA()
    {
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var paths = SurfaceReader.ResolverPaths(Surfaces.ModuleDll, TestPaths.SmaStub, runtime);
        Assert.Equal(paths.Count, paths.Select(Path.GetFileName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(TestPaths.SmaStub, Assert.Single(paths, p => Path.GetFileName(p) == "System.Management.Automation.dll"));
    }

    [Fact]
    public void SmaStub_finds_the_package_under_NUGET_PACKAGES_or_the_profile()
    {
        using var temp = new TempDir("sma");
        var under = Path.Combine(temp.Path, "cache", "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0");
        Directory.CreateDirectory(under);
        File.WriteAllText(Path.Combine(under, "System.Management.Automation.dll"), "");
        Assert.Equal(Path.Combine(under, "System.Management.Automation.dll"), SmaStub.Find(Path.Combine(temp.Path, "cache"), temp.Path));
        var error = Assert.Throws<FileNotFoundException>(() => SmaStub.Find(null, temp.Path));
        Assert.Contains("dotnet restore", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(SmaStub.Find()));
    }

    [Fact]
    public void Class_naming_passes() => AssertClean(SurfaceRules.ClassNaming(Surfaces.Module));

    [Fact]
    public void Verbs_and_nouns_pass() => AssertClean(SurfaceRules.VerbAndNoun(Surfaces.Module));

    [Fact]
    public void Output_types_pass() => AssertClean(SurfaceRules.OutputTypes(Surfaces.Module));

    [Fact]
    public void ShouldProcess_passes() => AssertClean(SurfaceRules.ShouldProcess(Surfaces.Module));

    [Fact]
    public void Parameter_sets_pass() => AssertClean(SurfaceRules.ParameterSets(Surfaces.Module));

    [Fact]
    public void Documented_pipelines_bind() => AssertClean(SurfaceRules.PipelineBinding(Surfaces.Module, TestPaths.RepoRoot));

    [Fact]
    public void Manifest_matches_the_module() => AssertClean(SurfaceRules.Manifest(Surfaces.Module, ManifestRuleTests.RepoCheck()));

    [Fact]
    public void Help_matches_the_module() => AssertClean(SurfaceRules.HelpParity(Surfaces.Module, Surfaces.HelpFolder));

    [Fact]
    public void All_rules_pass_together()
    {
        Assert.NotEmpty(Surfaces.Module.Cmdlets);
        AssertClean(SurfaceRules.All(Surfaces.Module, TestPaths.RepoRoot, AppContext.BaseDirectory));
    }

    private static void AssertClean(IEnumerable<Violation> violations)
    {
        var list = violations.ToList();
        Assert.True(list.Count == 0, Surfaces.Describe(list));
    }
}
