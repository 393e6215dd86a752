namespace RedCross.Testing.Processes;

/// <summary>Finds the built binaries of the hosts this test run starts as processes.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    /// <summary>Same configuration as this test assembly (Debug or Release).</summary>
    public static readonly string Configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Binary(string projectDirectory, string assembly)
    {
        var path = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.");
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
