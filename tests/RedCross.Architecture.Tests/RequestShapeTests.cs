using System.Reflection;
using Xunit;

namespace RedCross.Architecture.Tests;

/// <summary>The request shape (docs/decisions.md): thin gRPC services that never call each other, a pure domain, and
/// handlers short enough to read. The allow-lists hold what is older than the rule; each only shrinks: a listed item
/// that no longer breaks the rule fails the test until it is taken off.</summary>
public sealed class RequestShapeTests
{
    /// <summary>Longest handler file and handler method (public override, signature to closing brace), in lines.</summary>
    private const int MaxFileLines = 250;
    private const int MaxHandlerLines = 40;

    private static readonly Assembly Self = typeof(RequestShapeTests).Assembly;

    private static readonly HashSet<string> ServicesCallingServices =
    [
    ];

    private static readonly HashSet<string> LongFiles =
    [
    ];

    private static readonly HashSet<string> LongHandlers =
    [
    ];

    [Fact]
    public void A_grpc_service_references_no_other_grpc_service()
    {
        var found = Platform.Modules.SelectMany(m => ShapeRules.ServicesCallNoOtherService(m.Assembly)).ToList();
        OnlyTheAllowed(ServicesCallingServices, found);
        Assert.DoesNotContain(ServicesCallingServices, v => v.StartsWith("RedCross.Relief.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_service_rule_can_fail() =>
        Assert.Equal(["RedCross.Architecture.Tests.Violations.LeftService -> RedCross.Architecture.Tests.Violations.RightService"],
            ShapeRules.ServicesCallNoOtherService(Self));

    [Fact]
    public void Handler_files_and_methods_are_short()
    {
        var files = Directory.GetFiles(Path.Combine(SourceRoot(), "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => f.Replace('\\', '/').Contains("/Grpc/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(SourceRoot(), f).Replace('\\', '/'), File.ReadAllText);
        var longFiles = files.Where(f => ShapeRules.FileTooLong(f.Value, MaxFileLines)).Select(f => f.Key).ToList();
        var longHandlers = files.SelectMany(f => ShapeRules.LongHandlers(f.Value, MaxHandlerLines).Select(m => $"{f.Key}:{m}")).ToList();

        Assert.NotEmpty(files);
        OnlyTheAllowed(LongFiles, longFiles);
        OnlyTheAllowed(LongHandlers, longHandlers);
    }

    [Fact]
    public void The_length_rules_can_fail()
    {
        var body = string.Concat(Enumerable.Repeat("        Step();\n", MaxHandlerLines - 2));
        var handler = $"    public override async Task<Reply> Long(Request request, ServerCallContext context)\n    {{\n{body}    }}\n";
        Assert.Equal(["Long"], ShapeRules.LongHandlers(handler, MaxHandlerLines));
        Assert.Empty(ShapeRules.LongHandlers(handler.Replace("        Step();\n", string.Empty, StringComparison.Ordinal), MaxHandlerLines));
        Assert.True(ShapeRules.FileTooLong(string.Concat(Enumerable.Repeat("x\n", MaxFileLines + 1)), MaxFileLines));
        Assert.False(ShapeRules.FileTooLong(string.Concat(Enumerable.Repeat("x\n", MaxFileLines)), MaxFileLines));
    }

    /// <summary>Every violation found is allowed, and every allowed one is still found: a fixed one leaves the list.</summary>
    private static void OnlyTheAllowed(IReadOnlySet<string> allowed, IReadOnlyList<string> found)
    {
        var (added, fixedOnes) = (found.Except(allowed).ToList(), allowed.Except(found).ToList());
        Assert.True(added.Count == 0, "Breaks the request shape (see docs/decisions.md):\n" + string.Join("\n", added));
        Assert.True(fixedOnes.Count == 0, "No longer breaks the rule; take it off the allow-list:\n" + string.Join("\n", fixedOnes));
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RedCross.Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RedCross.Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
