using System.Reflection;
using System.Runtime.InteropServices;

namespace SameSession.Surface.Model;

/// <summary>Reads a <see cref="CmdletSurface"/> from a module assembly with MetadataLoadContext.</summary>
public static class SurfaceReader
{
    private const string SmaFileName = "System.Management.Automation.dll";

    /// <param name="moduleAssemblyPath">The built module dll (its folder supplies its dependencies, e.g. SameSession.Core.dll).</param>
    /// <param name="smaStubPath">PowerShellStandard's System.Management.Automation.dll (see <see cref="SmaStub.Find()"/>).</param>
    /// <param name="runtimeDirectory">The shared framework folder; defaults to the running runtime's.</param>
    public static CmdletSurface Read(string moduleAssemblyPath, string smaStubPath, string? runtimeDirectory = null)
    {
        moduleAssemblyPath = Path.GetFullPath(moduleAssemblyPath);
        if (!File.Exists(moduleAssemblyPath)) throw new FileNotFoundException($"Module assembly {moduleAssemblyPath} does not exist; build it first.", moduleAssemblyPath);
        if (!File.Exists(smaStubPath)) throw new FileNotFoundException($"The stub {smaStubPath} does not exist; restore PowerShellStandard.Library.", smaStubPath);
        runtimeDirectory ??= RuntimeEnvironment.GetRuntimeDirectory();
        var moduleDir = Path.GetDirectoryName(moduleAssemblyPath)!;

        using var mlc = new MetadataLoadContext(new PathAssemblyResolver(ResolverPaths(moduleAssemblyPath, smaStubPath, runtimeDirectory)));
        var sma = mlc.LoadFromAssemblyPath(smaStubPath);
        var module = mlc.LoadFromAssemblyPath(moduleAssemblyPath);
        var shapes = new TypeShapes(mlc);
        var cmdlets = LoadableTypes(module)
            .Where(t => t.GetCustomAttributesData().Has(AttributeNames.Cmdlet))
            .Select(t => CmdletReader.Read(t, shapes))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new CmdletSurface
        {
            AssemblyPath = moduleAssemblyPath,
            AssemblyVersion = module.GetName().Version ?? new Version(0, 0),
            Cmdlets = cmdlets,
            Types = shapes.All,
            ModuleTypeNames = ModuleTypeNames(mlc, module, moduleDir),
            ApprovedVerbs = ApprovedVerbs(sma),
        };
    }

    /// <summary>
    /// The module first, then the stub SMA, then the framework, then the module's neighbours; one path per file
    /// name, because MetadataLoadContext throws when two paths carry the same assembly name.
    /// </summary>
    internal static IReadOnlyList<string> ResolverPaths(string moduleAssemblyPath, string smaStubPath, string runtimeDirectory)
    {
        var ordered = new[] { moduleAssemblyPath, smaStubPath }
            .Concat(Directory.EnumerateFiles(runtimeDirectory, "*.dll").Order(StringComparer.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.GetDirectoryName(moduleAssemblyPath)!, "*.dll").Order(StringComparer.Ordinal));
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ordered)
        {
            var name = Path.GetFileName(path);
            if (name.Equals(SmaFileName, StringComparison.OrdinalIgnoreCase) && path != smaStubPath) continue;
            byName.TryAdd(name, path);
        }
        return [.. byName.Values];
    }

    internal static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    private static HashSet<string> ModuleTypeNames(MetadataLoadContext mlc, Assembly module, string moduleDir)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var assemblies = new List<Assembly> { module };
        foreach (var reference in module.GetReferencedAssemblies())
        {
            var beside = Path.Combine(moduleDir, reference.Name + ".dll");
            if (File.Exists(beside) && !beside.EndsWith(SmaFileName, StringComparison.OrdinalIgnoreCase))
            {
                assemblies.Add(mlc.LoadFromAssemblyName(reference));
            }
        }
        foreach (var type in assemblies.SelectMany(LoadableTypes).Where(t => t.IsPublic || t.IsNestedPublic))
        {
            names.Add(TypeShapes.NameOf(type));
        }
        return names;
    }

    private static HashSet<string> ApprovedVerbs(Assembly sma)
    {
        var verbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var className in AttributeNames.VerbClasses)
        {
            var type = sma.GetType("System.Management.Automation." + className, throwOnError: true)!;
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                if (field.GetRawConstantValue() is string verb) verbs.Add(verb);
            }
        }
        verbs.ExceptWith(AttributeNames.ReservedVerbs);
        return verbs;
    }
}
