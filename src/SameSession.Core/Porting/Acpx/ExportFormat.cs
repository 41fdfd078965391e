namespace SameSession.Core.Porting;

/// <summary>What Export-AgentSession writes: an encrypted SameSession capsule, or acpx's own `sessions export` archive.</summary>
public enum ExportFormat
{
    /// <summary>An age-encrypted capsule (any agent); read back by Import-AgentSession.</summary>
    Capsule,

    /// <summary>An acpx archive (format_version 1, plain JSON), for acpx sessions only; `acpx &lt;agent&gt; sessions import` reads it.</summary>
    Acpx,
}
