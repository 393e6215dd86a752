using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace RedCross.Deploy.Tests;

/// <summary>The repository's files, the external tools the checks run, and YAML read into plain
/// dictionaries, lists and strings (merge keys resolved, as Docker Compose does).</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static List<object> YamlDocuments(string text)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize(parser) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public static Dictionary<object, object> Yaml(string text) => (Dictionary<object, object>)YamlDocuments(text).Single();

    /// <summary>Runs a tool; a missing tool fails with what to install, never skips.</summary>
    public static (int ExitCode, string Output, string Error) Run(string tool, string installHint, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is needed by this test and was not found ({e.Message}). {installHint}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RedCross.Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RedCross.Platform.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Paths into the untyped YAML/JSON trees: `node.At("spec", "template", "spec")`.</summary>
internal static class Tree
{
    public static object? At(this object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<object, object> map, string key) => map.TryGetValue(key, out var value) ? value : null,
                (List<object> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        }

        return node;
    }

    public static string? Text(this object? node, params object[] path) => node.At(path) as string;

    public static Dictionary<object, object> Map(this object? node, params object[] path) =>
        node.At(path) as Dictionary<object, object> ?? [];

    public static List<object> List(this object? node, params object[] path) => node.At(path) as List<object> ?? [];

    public static Dictionary<string, string> Strings(this object? node, params object[] path) =>
        node.Map(path).ToDictionary(kv => (string)kv.Key, kv => kv.Value?.ToString() ?? string.Empty);
}
