using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

// Usage: SameSession.ModuleHost <module folder> <sqlite file>
// Loads SameSession.Core from the packaged module into a fresh AssemblyLoadContext that resolves nothing by
// itself (as pwsh does for a module: no deps.json), opens a SQLite database through Core, and reports where
// every assembly and the native library were loaded from.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SameSession.ModuleHost <module folder> <sqlite file>");
    return 2;
}
var moduleDir = Path.GetFullPath(args[0]);
var alc = new AssemblyLoadContext("SameSession-module", isCollectible: false);
var core = alc.LoadFromAssemblyPath(Path.Combine(moduleDir, "SameSession.Core.dll"));
var probe = core.GetType("SameSession.Core.Infrastructure.SqliteProbe", throwOnError: true)!;
string result;
try
{
    result = (string)probe.GetMethod("RoundTrip")!.Invoke(null, [args[1]])!;
}
catch (TargetInvocationException ex)
{
    Console.Error.WriteLine(ex.InnerException);
    return 1;
}
var assemblies = alc.Assemblies.ToDictionary(a => a.GetName().Name!, a => a.Location);
var natives = File.Exists("/proc/self/maps")
    ? File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
        .Where(p => p.Contains("sqlite", StringComparison.OrdinalIgnoreCase)).Distinct().ToList()
    : [];
Console.WriteLine(JsonSerializer.Serialize(new { result, assemblies, natives }));
return 0;
