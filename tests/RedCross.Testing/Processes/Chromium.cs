namespace RedCross.Testing.Processes;

/// <summary>Debian's Chromium (tools/test.sh installs it); Playwright's own browser download is not used.</summary>
public static class Chromium
{
    public static string Path =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => p is { Length: > 0 } && File.Exists(p))
        ?? throw new InvalidOperationException("Chromium is not installed: run 'apt-get install -y chromium' (tools/test.sh does).");
}
