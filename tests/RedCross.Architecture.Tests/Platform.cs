using System.Reflection;

namespace RedCross.Architecture.Tests;

/// <summary>The platform's assemblies, found by convention in the test's output folder: every
/// `RedCross.*.dll` that is not a test or tool; a module is one that has a public static
/// `RedCross.{Name}.{Name}Module` class (its one entry point).</summary>
internal static class Platform
{
    public static readonly IReadOnlyList<Assembly> Assemblies = Directory.GetFiles(AppContext.BaseDirectory, "RedCross.*.dll")
        .Select(path => Path.GetFileNameWithoutExtension(path))
        .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name is not ("RedCross.Testing" or "RedCross.Architecture.Tests"))
        .Select(name => Assembly.Load(name))
        .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
        .ToList();

    public static readonly IReadOnlyList<Module> Modules = [.. Assemblies.Select(Module.Of).OfType<Module>()];

    public static readonly string[] ModuleNamespaces = [.. Modules.Select(m => m.Namespace)];

    /// <summary>A module: its assembly and root namespace.</summary>
    internal sealed record Module(Assembly Assembly, string Namespace)
    {
        public static Module? Of(Assembly assembly)
        {
            var name = assembly.GetName().Name!;
            var shortName = name["RedCross.".Length..];
            var entry = assembly.GetType($"{name}.{shortName}Module");
            return entry is { IsAbstract: true, IsSealed: true, IsPublic: true } ? new Module(assembly, name) : null;
        }

        public override string ToString() => Namespace;
    }
}
