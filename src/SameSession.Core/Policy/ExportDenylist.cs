using System.Text.RegularExpressions;

namespace SameSession.Core.Policy;

/// <summary>
/// Files that are never exported, whatever a provider collects: agent credentials and configuration (which may hold
/// API keys or machine trust), environment files and SSH/TLS key material. Matched on the file name.
/// </summary>
public static partial class ExportDenylist
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "auth.json", ".credentials.json", "credentials.json", "credentials", "config.toml", "opencode.json", "opencode.jsonc",
        "settings.json", "settings.local.json", ".claude.json", "installation_id", "config.json", "mcp.json", ".mcp.json",
        ".env", ".netrc", "_netrc", ".npmrc", ".pypirc", ".git-credentials", ".pgpass", "id_rsa", "id_dsa", "id_ecdsa",
        "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", "identity", "keys.txt", "oauth_creds.json", "google_accounts.json",
    };

    [GeneratedRegex(@"^(logs_.*\.sqlite(-wal|-shm)?|\.env\..*|.*\.(pem|key|p12|pfx|keystore|jks|kdbx|ppk|age))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Patterns();

    /// <summary>Why <paramref name="path"/> may not be exported, or null when it may.</summary>
    public static string? Reason(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        if (name.EndsWith(".env.example", StringComparison.OrdinalIgnoreCase)) return null;
        if (Names.Contains(name)) return $"'{name}' is agent credentials or configuration";
        if (Patterns().IsMatch(name)) return $"'{name}' is a log database, environment file or key file";
        return null;
    }
}
