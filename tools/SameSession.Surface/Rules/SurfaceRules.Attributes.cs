using SameSession.Surface.Model;

namespace SameSession.Surface.Rules;

public static partial class SurfaceRules
{
    /// <summary>Every cmdlet declares [OutputType] (RC04), naming types the metadata can resolve.</summary>
    public static IEnumerable<Violation> OutputTypes(CmdletSurface surface)
    {
        foreach (var c in surface.Cmdlets)
        {
            var source = SurfaceConventions.SourceFileOf(c.ClassName);
            if (c.OutputTypes.Count == 0)
            {
                var hint = c.Verb == "Test" ? "[OutputType(typeof(bool))]" : "[OutputType(typeof(TheEmittedType))]";
                yield return new(RuleIds.OutputType, c.Name, $"{c.ClassFullName} ({source}) has no [OutputType]; add {hint} naming what it writes to the pipeline.");
                continue;
            }
            foreach (var o in c.OutputTypes.Where(o => surface.Type(o.TypeFullName)?.IsUnresolved == true))
            {
                yield return new(RuleIds.OutputType, c.Name, $"[OutputType(\"{o.TypeFullName}\")] in {source} names no type the module or the runtime defines; use typeof(...).");
            }
            var sets = c.ParameterSetNames;
            foreach (var o in c.OutputTypes)
            {
                foreach (var set in o.ParameterSetNames.Where(s => !sets.Contains(s, StringComparer.OrdinalIgnoreCase)))
                {
                    yield return new(RuleIds.OutputType, c.Name, $"[OutputType(typeof({o.TypeFullName}), ParameterSetName = \"{set}\")] in {source} names a parameter set the cmdlet does not have ({string.Join(", ", sets)}).");
                }
            }
        }
    }

    /// <summary>Mutating verbs declare SupportsShouldProcess; ConfirmImpact only appears alongside it.</summary>
    public static IEnumerable<Violation> ShouldProcess(CmdletSurface surface)
    {
        foreach (var c in surface.Cmdlets)
        {
            var source = SurfaceConventions.SourceFileOf(c.ClassName);
            if (SurfaceConventions.MutatingVerbs.Contains(c.Verb) && !c.SupportsShouldProcess)
            {
                yield return new(RuleIds.ShouldProcess, c.Name,
                    $"'{c.Verb}' changes data, so {source} must declare [Cmdlet(..., SupportsShouldProcess = true)] and call ShouldProcess(target, action) before each change; then add ### -WhatIf and ### -Confirm to {SurfaceConventions.HelpFileOf(c.Name)}.");
            }
            if (c.ConfirmImpact is not null && !c.SupportsShouldProcess)
            {
                yield return new(RuleIds.ConfirmImpact, c.Name,
                    $"{source} sets ConfirmImpact = {c.ConfirmImpact} without SupportsShouldProcess = true, so it has no effect; add SupportsShouldProcess or drop ConfirmImpact.");
            }
        }
    }
}
