namespace SameSession.Packager;

/// <summary>What the packaged module folder must and must not contain.</summary>
internal static class ModuleLayout
{
    /// <summary>The runtime identifiers whose native SQLite ships in the module.</summary>
    public static readonly string[] NativeRids = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    public static readonly string[] RequiredFiles =
    [
        "SameSession.psd1",
        "SameSession.PowerShell.dll",
        "SameSession.Core.dll",
        "SameSession.format.ps1xml",
        "Microsoft.Data.Sqlite.dll",
        "SQLitePCLRaw.core.dll",
        "SQLitePCLRaw.provider.e_sqlite3.dll",
        "SQLitePCLRaw.batteries_v2.dll",
        "BouncyCastle.Crypto.dll",
        Path.Combine("en-US", "SameSession.PowerShell.dll-Help.xml"),
        Path.Combine("en-US", "about_SameSession.help.txt"),
    ];

    /// <summary>Shipping these would break the module: the stub SMA shadows PowerShell's own.</summary>
    public static readonly string[] ForbiddenFiles = ["System.Management.Automation.dll"];

    public static string NativeLibraryFile(string rid) => rid.StartsWith("win", StringComparison.Ordinal) ? "e_sqlite3.dll"
        : rid.StartsWith("osx", StringComparison.Ordinal) ? "libe_sqlite3.dylib" : "libe_sqlite3.so";

    public static IEnumerable<string> RequiredNativeFiles() =>
        NativeRids.Select(r => Path.Combine("runtimes", r, "native", NativeLibraryFile(r)));
}
