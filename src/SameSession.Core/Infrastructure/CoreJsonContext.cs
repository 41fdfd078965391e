using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SameSession.Core.Relocation.Journal;

namespace SameSession.Core.Infrastructure;

/// <summary>Compile-time contracts for Core's small JSON values, with the serializer's default options: no
/// reflection, so the native CLI can run every path.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;

/// <summary>The journal record, indented so a person reading a stuck journal can follow it. SQL parameters are
/// objects: every type a statement may carry is listed (a record read back carries JsonElements).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JournalRecord))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
