namespace SameSession.Core.Crypto.Age;

/// <summary>One recipient stanza of an age header: "-> type args..." and its body.</summary>
public sealed record AgeStanza(string Type, IReadOnlyList<string> Args, byte[] Body);
