using System.Text.Json.Serialization;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Doctor;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Operations.Import;
using SameSession.Core.Operations.Inspect;
using SameSession.Core.Operations.Move;
using SameSession.Core.Sessions;

namespace SameSession.Cli;

/// <summary>
/// Compile-time JSON contracts for every result the CLI prints: the native (AOT) CLI has no reflection-based
/// serializer. Export and import print lists of mixed results, so their element types are listed too.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<AgentSession>))]
[JsonSerializable(typeof(IReadOnlyList<MoveResult>))]
[JsonSerializable(typeof(List<object>))]
[JsonSerializable(typeof(ExportResult))]
[JsonSerializable(typeof(BundleExportResult))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(ImportOutcome))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(IdentityInfo))]
[JsonSerializable(typeof(IReadOnlyList<IdentityInfo>))]
[JsonSerializable(typeof(CapsuleInfo))]
[JsonSerializable(typeof(CliError))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>What a failing command prints on stderr with --json.</summary>
internal sealed record CliError([property: JsonPropertyName("error")] ErrorReport Error);
