using System.Globalization;
using RedCross.Testing;
using RedCross.Testing.Processes;

namespace RedCross.Benchmarks;

/// <summary>Starts Release hosts as processes on free ports in a throwaway folder with one key.</summary>
internal sealed class Hosts : IAsyncDisposable
{
    private readonly List<ServiceProcess> started = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("rc-bench-").FullName;

    public Tokens Tokens => new(Path.Combine(Folder, "signing.key"));

    public async Task<(ServiceProcess Process, int GrpcPort)> StartAsync(string name, string project, string assembly, Dictionary<string, string>? extra = null)
    {
        var (http, grpc) = (Ports.Free(), Ports.Free());
        var env = new Dictionary<string, string>(extra ?? [])
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = Path.Combine(Folder, name),
            ["Auth__SigningKeyFile"] = Path.Combine(Folder, "signing.key"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        env.TryAdd("Messaging__Transport", "InMemory");
        var process = new ServiceProcess(name, Repo.Binary(project, assembly), http, env);
        started.Add(process);
        await process.StartAsync();
        Measure.PinToCpu0(process.Pid);
        return (process, grpc);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in started)
        {
            await process.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
