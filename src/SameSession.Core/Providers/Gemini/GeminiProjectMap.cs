using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// Maps Gemini's per-project folders under tmp/ back to project paths: the registry projects.json
/// ({"projects": {path: slug}}), the .project_root ownership markers, and for legacy folders named sha256(path)
/// any known path whose hash matches.
/// </summary>
internal sealed class GeminiProjectMap
{
    private readonly Dictionary<string, string> _slugToPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashToPath = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Project paths in the order they became known; hashed only when a folder is not found by name.</summary>
    private readonly List<string> _paths = [];
    private readonly object _gate = new();
    private int _hashed;

    public const string Marker = ".project_root";

    public static string RegistryPath(string home) => Path.Combine(home, "projects.json");

    private string? _markersHome;

    public IReadOnlyDictionary<string, string> SlugToPath
    {
        get
        {
            lock (_gate) LoadMarkers();
            return _slugToPath;
        }
    }

    /// <summary>The registry now; the ownership markers only when a folder is not in the registry (they cannot override it).</summary>
    public static GeminiProjectMap Load(string home, DiscoveryContext context)
    {
        var map = new GeminiProjectMap { _markersHome = home };
        var registry = RegistryPath(home);
        if (File.Exists(registry))
        {
            using var doc = JsonRead.TryParseFile(registry, context);
            if (doc?.RootElement.Obj("projects") is { } projects)
                foreach (var p in projects.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } slug)
                        map.Add(slug, p.Name);
        }
        return map;
    }

    private void LoadMarkers()
    {
        if (_markersHome is not { } home) return;
        _markersHome = null;
        foreach (var baseDir in new[] { Path.Combine(home, "tmp"), Path.Combine(home, "history") })
        {
            if (!Directory.Exists(baseDir)) continue;
            foreach (var dir in Directory.EnumerateDirectories(baseDir))
                if (ReadMarker(dir) is { } owner) Add(Path.GetFileName(dir), owner);
        }
    }

    private void Add(string slug, string path)
    {
        _slugToPath.TryAdd(slug, path);
        _paths.Add(path);
    }

    /// <summary>The sha256 names of every known path (legacy folders): computed on first need, as hashing loads the crypto library.</summary>
    private Dictionary<string, string> HashToPath()
    {
        for (; _hashed < _paths.Count; _hashed++) _hashToPath.TryAdd(Sha256(_paths[_hashed]), _paths[_hashed]);
        return _hashToPath;
    }

    /// <summary>The project path a tmp/&lt;slug&gt; folder belongs to, or null when nothing records it.</summary>
    public string? PathFor(string slugDir, string? projectHash)
    {
        var slug = Path.GetFileName(slugDir);
        // Discovery asks from several threads; the markers and hashes are filled in on first need.
        lock (_gate)
        {
            if (_slugToPath.TryGetValue(slug, out var p)) return p;
            LoadMarkers();
            if (_slugToPath.TryGetValue(slug, out p)) return p;
            var hashes = HashToPath();
            if (hashes.TryGetValue(slug, out p)) return p;
            return projectHash is not null && hashes.TryGetValue(projectHash, out p) ? p : null;
        }
    }

    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)));

    private static string? ReadMarker(string dir)
    {
        var marker = Path.Combine(dir, Marker);
        try { return File.Exists(marker) ? File.ReadAllText(marker).Trim() is { Length: > 0 } t ? t : null : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
