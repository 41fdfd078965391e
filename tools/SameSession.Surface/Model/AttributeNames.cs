namespace SameSession.Surface.Model;

/// <summary>Full names of the System.Management.Automation attributes the reader looks for.</summary>
internal static class AttributeNames
{
    private const string Sma = "System.Management.Automation.";
    public const string Cmdlet = Sma + "CmdletAttribute";
    public const string CmdletBase = Sma + "Cmdlet";
    public const string OutputType = Sma + "OutputTypeAttribute";
    public const string Parameter = Sma + "ParameterAttribute";
    public const string Alias = Sma + "AliasAttribute";
    public const string ValidateSet = Sma + "ValidateSetAttribute";
    public const string SupportsWildcards = Sma + "SupportsWildcardsAttribute";
    public const string ArgumentCompleter = Sma + "ArgumentCompleterAttribute";
    public const string ArgumentCompletions = Sma + "ArgumentCompletionsAttribute";

    public static readonly string[] VerbClasses =
        ["VerbsCommon", "VerbsData", "VerbsLifecycle", "VerbsDiagnostic", "VerbsCommunications", "VerbsSecurity", "VerbsOther"];

    /// <summary>Reserved by PowerShell; never approved for new cmdlets even where a Verbs* class lists them (Ping).</summary>
    public static readonly string[] ReservedVerbs = ["ForEach", "Ping", "Sort", "Tee", "Where"];
}
