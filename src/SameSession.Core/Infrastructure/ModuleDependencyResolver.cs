using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// Makes Core's dependencies resolve from Core's own folder in any host. pwsh loads a module's assemblies
/// without reading a deps.json, so neither the managed dependencies beside Core nor the native SQLite under
/// runtimes/&lt;rid&gt;/native would be found by default probing.
/// </summary>
internal static class ModuleDependencyResolver
{
    private static int _registered;

#pragma warning disable CA2255 // A library module initializer is the only hook that runs before pwsh JITs a SQLite call.
    [ModuleInitializer]
#pragma warning restore CA2255
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "A native CLI has no assembly file: Location is empty and nothing is registered; its SQLite library sits beside the executable, where the runtime looks anyway.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Loads Core's managed dependencies from Core's folder for pwsh; never reached in a native CLI (no assembly file).")]
    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        var self = typeof(ModuleDependencyResolver).Assembly;
        var folder = Path.GetDirectoryName(self.Location);
        var alc = AssemblyLoadContext.GetLoadContext(self);
        if (string.IsNullOrEmpty(folder) || alc is null) return;

        alc.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        alc.ResolvingUnmanagedDll += (_, libraryName) => LoadNative(folder, libraryName);
    }

    private static IntPtr LoadNative(string folder, string libraryName)
    {
        foreach (var path in NativeCandidates(folder, libraryName))
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                return handle;
        return IntPtr.Zero;
    }

    internal static IEnumerable<string> NativeCandidates(string folder, string libraryName)
    {
        var file = NativeFileName(libraryName);
        yield return Path.Combine(folder, "runtimes", CurrentRid(), "native", file);
        yield return Path.Combine(folder, file);
    }

    internal static string NativeFileName(string libraryName)
    {
        if (OperatingSystem.IsWindows()) return libraryName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? libraryName : libraryName + ".dll";
        var ext = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        var stem = libraryName.StartsWith("lib", StringComparison.Ordinal) ? libraryName : "lib" + libraryName;
        return stem.EndsWith(ext, StringComparison.Ordinal) ? stem : stem + ext;
    }

    internal static string CurrentRid()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            _ => "x64",
        };
        return $"{os}-{arch}";
    }

    /// <summary>For diagnostics: where Core was loaded from.</summary>
    internal static string? CoreLocation => typeof(ModuleDependencyResolver).Assembly.Location is { Length: > 0 } l ? l : null;

    internal static Assembly CoreAssembly => typeof(ModuleDependencyResolver).Assembly;
}
