using System.Text.Json.Serialization;
using SameSession.Core.Capsules.Bundle;

namespace SameSession.Core.Capsules.Manifest;

/// <summary>Compile-time contracts of capsule and bundle manifests: snake_case, UTC instants ending in Z, nulls
/// written, unknown fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    Converters = [typeof(ManifestJson.UtcInstantConverter)])]
[JsonSerializable(typeof(CapsuleManifest))]
[JsonSerializable(typeof(BundleManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
