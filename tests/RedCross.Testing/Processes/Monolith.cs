using System.Globalization;

namespace RedCross.Testing.Processes;

/// <summary>The monolith as a newcomer runs it, a real process on free ports and a temporary data folder of its own,
/// with the `rc` command line pointed at it. It can be stopped and started again on the same folder (crash and demo
/// tests); disposing it stops it and deletes the folder.</summary>
public sealed class Monolith(string folderPrefix) : IAsyncDisposable
{
    private ServiceProcess? process;

    public string Data { get; } = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    public int HttpPort { get; } = Ports.Free();

    public int GrpcPort { get; } = Ports.Free();

    /// <summary>What the running process has written so far.</summary>
    public string Log => Process.Log;

    /// <summary>Tokens signed with the identity key the monolith keeps in its data folder.</summary>
    public Tokens Tokens => new(Data);

    private ServiceProcess Process => process ?? throw new InvalidOperationException("The monolith has not been started.");

    /// <summary>Starts it on this folder and ports, with <paramref name="settings"/> as further environment variables,
    /// and waits until it is ready.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var env = new Dictionary<string, string>
        {
            ["Ports__Http"] = HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = Data,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        process = new ServiceProcess("monolith", Repo.Binary("services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host"), HttpPort, env);
        await process.StartAsync();
    }

    /// <summary>SIGKILL, as <see cref="ServiceProcess.KillAsync"/>; the folder stays for a restart.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>Stops the process, keeping the folder, so <see cref="StartAsync"/> can run it again.</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Runs `rc ARGS --data DATA --server GRPC` to completion, 200 columns wide so tables are not cut.</summary>
    public Task<(int ExitCode, string Output)> Rc(params string[] args) => Rc(args, timeout: null);

    public Task<(int ExitCode, string Output)> Rc(IEnumerable<string> args, TimeSpan? timeout) =>
        Shell.Run("dotnet", [Repo.Binary("tools/RedCross.Cli", "rc"), .. args, "--data", Data, "--server", $"http://localhost:{GrpcPort}"],
            new Dictionary<string, string> { ["COLUMNS"] = "200" }, timeout);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // SQLite keeps the files open in its pool otherwise
        Directory.Delete(Data, recursive: true);
    }
}
