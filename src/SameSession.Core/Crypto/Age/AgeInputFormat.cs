namespace SameSession.Core.Crypto.Age;

/// <summary>How Decrypt treats its input.</summary>
public enum AgeInputFormat
{
    /// <summary>Armored when the input starts, after at most 1 KiB of whitespace, with the BEGIN line.</summary>
    Auto,
    Binary,
    Armored,
}
