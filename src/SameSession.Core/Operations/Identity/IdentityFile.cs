using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Identity;

/// <summary>Where the user's SameSession identity lives by default.</summary>
public static class IdentityFile
{
    public const string FileName = "identity.txt";

    /// <summary>%APPDATA%\samesession on Windows; $XDG_CONFIG_HOME/samesession or ~/.config/samesession elsewhere.</summary>
    public static string DefaultPath(AgentEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var config = OperatingSystem.IsWindows()
            ? env.Get("APPDATA") ?? Path.Combine(env.Home, "AppData", "Roaming")
            : env.PathOr("XDG_CONFIG_HOME", ".config");
        return Path.Combine(config, "samesession", FileName);
    }
}
