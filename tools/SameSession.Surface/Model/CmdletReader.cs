using System.Reflection;

namespace SameSession.Surface.Model;

/// <summary>Turns one [Cmdlet] class (a MetadataLoadContext type) into a <see cref="CmdletInfo"/>.</summary>
internal static class CmdletReader
{
    public static CmdletInfo Read(Type type, TypeShapes shapes)
    {
        var attributes = type.GetCustomAttributesData();
        var cmdlet = attributes.Attributes(AttributeNames.Cmdlet).First();
        var nameParts = cmdlet.ConstructorValues().Select(v => v as string ?? "").ToList();
        var impact = cmdlet.NamedInt("ConfirmImpact");
        return new CmdletInfo
        {
            Verb = nameParts.ElementAtOrDefault(0) ?? "",
            Noun = nameParts.ElementAtOrDefault(1) ?? "",
            ClassFullName = type.FullName ?? type.Name,
            ClassName = type.Name,
            Namespace = type.Namespace ?? "",
            IsPublic = type.IsPublic,
            IsSealed = type.IsSealed,
            IsAbstract = type.IsAbstract,
            HasPublicParameterlessConstructor = type.GetConstructor(Type.EmptyTypes) is { IsPublic: true },
            OutputTypes = OutputTypes(attributes, shapes),
            SupportsShouldProcess = cmdlet.NamedFlag("SupportsShouldProcess"),
            ConfirmImpact = impact is null ? null : (ConfirmImpactLevel)impact.Value,
            DefaultParameterSetName = cmdlet.Named<string>("DefaultParameterSetName"),
            HelpUri = cmdlet.Named<string>("HelpUri"),
            Aliases = Aliases(attributes),
            Parameters = Parameters(type, shapes),
        };
    }

    private static List<OutputTypeInfo> OutputTypes(IList<CustomAttributeData> attributes, TypeShapes shapes)
    {
        var result = new List<OutputTypeInfo>();
        foreach (var output in attributes.Attributes(AttributeNames.OutputType))
        {
            var sets = output.NamedValues("ParameterSetName").OfType<string>().ToList();
            foreach (var value in output.ConstructorValues())
            {
                var name = value switch
                {
                    Type t => shapes.Add(t).FullName,
                    string s => shapes.AddByName(s).FullName,
                    _ => null,
                };
                if (name is not null) result.Add(new OutputTypeInfo(name, sets));
            }
        }
        return result;
    }

    private static List<string> Aliases(IEnumerable<CustomAttributeData> attributes) =>
        [.. attributes.Attributes(AttributeNames.Alias).SelectMany(a => a.ConstructorValues()).OfType<string>()];

    private static List<ParameterInfo> Parameters(Type type, TypeShapes shapes)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        var members = type.GetProperties(flags).Select(p => (Member: (MemberInfo)p, Type: p.PropertyType))
            .Concat(type.GetFields(flags).Select(f => (Member: (MemberInfo)f, Type: f.FieldType)));
        var result = new List<ParameterInfo>();
        foreach (var (member, memberType) in members)
        {
            var attributes = member.GetCustomAttributesData();
            var parameterAttributes = attributes.Attributes(AttributeNames.Parameter).ToList();
            if (parameterAttributes.Count == 0) continue;
            var shape = shapes.Add(memberType);
            var validateSet = attributes.Attributes(AttributeNames.ValidateSet).SelectMany(a => a.ConstructorValues()).OfType<string>().ToList();
            var enumNames = shape.IsEnum ? shape.EnumNames
                : shape.ElementFullName is { } element && shapes.All.TryGetValue(element, out var e) ? e.EnumNames : [];
            result.Add(new ParameterInfo
            {
                Name = member.Name,
                TypeFullName = shape.FullName,
                Aliases = Aliases(attributes),
                SupportsWildcards = attributes.Has(AttributeNames.SupportsWildcards),
                AcceptedValues = validateSet.Count > 0 ? validateSet : enumNames,
                HasArgumentCompleter = attributes.Any(IsCompleter),
                HelpMessage = parameterAttributes.Select(a => a.Named<string>("HelpMessage")).FirstOrDefault(m => m is not null),
                Sets = [.. parameterAttributes.Select(SetInfo)],
            });
        }
        return result;
    }

    private static ParameterSetInfo SetInfo(CustomAttributeData parameter)
    {
        var position = parameter.NamedInt("Position");
        return new ParameterSetInfo
        {
            Name = parameter.Named<string>("ParameterSetName") ?? ParameterSetInfo.AllSets,
            Mandatory = parameter.NamedFlag("Mandatory"),
            // int.MinValue is ParameterAttribute's "no position" sentinel.
            Position = position is null or int.MinValue ? null : position,
            ValueFromPipeline = parameter.NamedFlag("ValueFromPipeline"),
            ValueFromPipelineByPropertyName = parameter.NamedFlag("ValueFromPipelineByPropertyName"),
            ValueFromRemainingArguments = parameter.NamedFlag("ValueFromRemainingArguments"),
        };
    }

    private static bool IsCompleter(CustomAttributeData attribute)
    {
        for (var t = attribute.AttributeType; t is not null; t = t.BaseType)
        {
            if (t.FullName is AttributeNames.ArgumentCompleter or AttributeNames.ArgumentCompletions) return true;
        }
        return false;
    }
}
