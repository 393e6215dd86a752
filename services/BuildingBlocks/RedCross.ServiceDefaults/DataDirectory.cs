using Microsoft.Extensions.Configuration;

namespace RedCross.ServiceDefaults;

/// <summary>Where a host keeps its SQLite files and, in the embedded mode, its signing key.
/// `rc` resolves the same default so `rc login` finds the monolith's key with no flags.</summary>
public static class DataDirectory
{
    public const string ConfigKey = "Data:Directory";

    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "redcross");

    public static string Resolve(IConfiguration configuration)
    {
        var dir = Path.GetFullPath(configuration[ConfigKey] is { Length: > 0 } configured ? configured : Default);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
