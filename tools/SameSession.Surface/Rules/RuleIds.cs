namespace SameSession.Surface.Rules;

/// <summary>The stable ids of the surface rules; tests and the packager's report key on them.</summary>
public static class RuleIds
{
    public const string ClassName = "ClassName";
    public const string ClassNamespace = "ClassNamespace";
    public const string ClassShape = "ClassShape";
    public const string DuplicateCmdlet = "DuplicateCmdlet";
    public const string ApprovedVerb = "ApprovedVerb";
    public const string NounName = "NounName";
    public const string OutputType = "OutputType";
    public const string ShouldProcess = "ShouldProcess";
    public const string ConfirmImpact = "ConfirmImpact";
    public const string DefaultParameterSet = "DefaultParameterSet";
    public const string DuplicateParameterSet = "DuplicateParameterSet";
    public const string AmbiguousPipelineSets = "AmbiguousPipelineSets";
    public const string IndistinctParameterSet = "IndistinctParameterSet";
    public const string ParameterPosition = "ParameterPosition";
    public const string MultiplePipelineParameters = "MultiplePipelineParameters";
    public const string PipelineBinding = "PipelineBinding";
    public const string UnknownCmdlet = "UnknownCmdlet";
    public const string ManifestExports = "ManifestExports";
    public const string ManifestField = "ManifestField";
    public const string ManifestFile = "ManifestFile";
    public const string FormatTypeName = "FormatTypeName";
    public const string HelpMissing = "HelpMissing";
    public const string HelpOrphan = "HelpOrphan";
    public const string HelpContent = "HelpContent";
    public const string HelpSyntax = "HelpSyntax";
    public const string HelpParameterMissing = "HelpParameterMissing";
    public const string HelpParameterExtra = "HelpParameterExtra";
    public const string HelpParameterField = "HelpParameterField";
    public const string HelpOutputs = "HelpOutputs";
}
