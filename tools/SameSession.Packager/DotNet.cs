using System.Diagnostics;

namespace SameSession.Packager;

internal static class DotNet
{
    public static void Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new BuildFailedException("could not start dotnet");
        p.WaitForExit();
        if (p.ExitCode != 0) throw new BuildFailedException($"dotnet {string.Join(' ', args)} exited with {p.ExitCode}");
    }
}
