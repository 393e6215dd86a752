using System.Reflection;
using System.Text.RegularExpressions;
using Grpc.Core;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace RedCross.Architecture.Tests;

/// <summary>The request shape's rules (docs/decisions.md, "The request shape"), read from the compiled IL, so an alias
/// or a type used only in a method's parameters or body counts as much as a field does.</summary>
internal static partial class ShapeRules
{
    /// <summary>Each "A -> B" where gRPC service type A references another gRPC service type B: services share code
    /// through Data/ queries and Domain/, never by calling each other.</summary>
    public static IReadOnlyList<string> ServicesCallNoOtherService(Assembly assembly)
    {
        var services = assembly.GetTypes().Where(IsGrpcService).Select(t => t.FullName!.Replace('+', '/')).ToHashSet();
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return [.. module.Types.Where(t => services.Contains(t.FullName))
            .SelectMany(t => References(t).Select(r => r.FullName).Where(r => r != t.FullName && services.Contains(r)).Distinct().Select(r => $"{t.FullName} -> {r}"))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A handler file (Grpc/*.cs) longer than <paramref name="maxLines"/> lines.</summary>
    public static bool FileTooLong(string text, int maxLines) => text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0) > maxLines;

    /// <summary>The handler methods (public overrides) of a Grpc/*.cs file longer than <paramref name="maxLines"/> source
    /// lines, signature to closing brace.</summary>
    public static IEnumerable<string> LongHandlers(string text, int maxLines)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var signature = HandlerSignature().Match(lines[i]);
            if (!signature.Success)
            {
                continue;
            }

            // A block body ends at the brace under the signature; an expression body at its semicolon.
            var block = i + 1 < lines.Length && lines[i + 1].TrimEnd() == "    {";
            var end = Array.FindIndex(lines, i, l => block ? l.TrimEnd() == "    }" : l.TrimEnd().EndsWith(';'));
            if (end - i + 1 > maxLines)
            {
                yield return signature.Groups["name"].Value;
            }
        }
    }

    private static bool IsGrpcService(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.GetCustomAttribute<BindServiceMethodAttribute>() is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every type a type and its nested (compiler-generated) types name: base, interfaces, fields, properties,
    /// signatures, locals, and what the method bodies touch.</summary>
    public static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        foreach (var t in new[] { type }.Concat(Nested(type)))
        {
            found.AddRange(t.Interfaces.Select(i => i.InterfaceType));
            found.AddRange(t.Fields.Select(f => f.FieldType));
            found.AddRange(t.Properties.Select(p => p.PropertyType));
            found.AddRange(t.CustomAttributes.Select(a => a.AttributeType));
            if (t.BaseType is not null)
            {
                found.Add(t.BaseType);
            }

            foreach (var method in t.Methods)
            {
                found.Add(method.ReturnType);
                found.AddRange(method.Parameters.Select(p => p.ParameterType));
                if (method.HasBody)
                {
                    found.AddRange(method.Body.Variables.Select(v => v.VariableType));
                    found.AddRange(method.Body.Instructions.SelectMany(Operands));
                }
            }
        }

        return found.SelectMany(Flatten);
    }

    private static IEnumerable<TypeDefinition> Nested(TypeDefinition type) => type.NestedTypes.SelectMany(n => new[] { n }.Concat(Nested(n)));

    private static IEnumerable<TypeReference> Operands(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => [t],
        MethodReference m => [m.DeclaringType, m.ReturnType, .. m.Parameters.Select(p => p.ParameterType), .. (m as GenericInstanceMethod)?.GenericArguments ?? []],
        FieldReference f => [f.DeclaringType, f.FieldType],
        _ => [],
    };

    private static IEnumerable<TypeReference> Flatten(TypeReference type) => type switch
    {
        GenericInstanceType g => Flatten(g.ElementType).Concat(g.GenericArguments.SelectMany(Flatten)),
        TypeSpecification s => Flatten(s.ElementType),
        GenericParameter => [],
        { DeclaringType: { } outer } => [type, .. Flatten(outer)],
        _ => [type],
    };

    [GeneratedRegex(@"^    public override .*? (?<name>\w+)\(")]
    private static partial Regex HandlerSignature();
}
