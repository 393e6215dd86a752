using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>`rc` answers an address it cannot use with one line and its exit code, never a stack trace, and speaks TLS to
/// an https:// server (here a port nobody listens on: the TLS channel is built, the connection refused).</summary>
public sealed class RcAddressTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("rc-address-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Theory]
    [InlineData("not-an-address", 2)]
    [InlineData("ftp://localhost:5081", 2)]
    [InlineData("https://localhost:1", 1)]
    [InlineData("http://localhost:1", 1)]
    public async Task A_bad_or_unreachable_server_is_one_line_and_an_exit_code(string server, int exitCode)
    {
        // A session with a token, so the address is what rc meets first.
        await File.WriteAllTextAsync(Path.Combine(data, "rc-session.json"), """{"Server":"http://localhost:5081","Token":"a.b.c"}""");
        var (code, output) = await Shell.Run("dotnet", [Repo.Binary("tools/RedCross.Cli", "rc"), "campaigns", "list", "--server", server, "--data", data],
            new Dictionary<string, string> { ["RC_DATA"] = data });

        Assert.Equal(exitCode, code);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
