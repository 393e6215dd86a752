using System.Globalization;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using RedCross.Testing.Processes;

namespace RedCross.Benchmarks;

/// <summary>Starts Release hosts as processes on free ports in a throwaway folder holding one identity's keys (the
/// embedded deployment on one machine: every host validates with them, the benchmark signs its callers' tokens).</summary>
internal sealed class Hosts : IAsyncDisposable
{
    private const string Issuer = "http://localhost/";
    private readonly List<ServiceProcess> started = [];
    private readonly bool pinToCpu0;

    public Hosts(bool pinToCpu0 = true)
    {
        this.pinToCpu0 = pinToCpu0;
        IdentityKeys.OpenOrCreate(KeysFolder, Issuer);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("rc-bench-").FullName;

    public string KeysFolder => IdentityKeys.DefaultFolder(Folder);

    public Tokens Tokens => new(KeysFolder);

    public async Task<(ServiceProcess Process, int GrpcPort)> StartAsync(string name, string project, string assembly, Dictionary<string, string>? extra = null, bool pin = true)
    {
        var (http, grpc) = (Ports.Free(), Ports.Free());
        var env = new Dictionary<string, string>(extra ?? [])
        {
            ["Ports__Http"] = http.ToString(CultureInfo.InvariantCulture),
            ["Ports__Grpc"] = grpc.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = Path.Combine(Folder, name),
            ["Auth__KeysDirectory"] = KeysFolder,
            ["Auth__Issuer"] = Issuer,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        env.TryAdd("Messaging__Transport", "InMemory");
        // The system under test on CPU 0; the load (this process, see `taskset -c 1` in docs/benchmarks.md) on CPU 1.
        var process = new ServiceProcess(name, Repo.Binary(project, assembly), http, env, cpus: pin && pinToCpu0 && Environment.GetEnvironmentVariable("RC_BENCH_NOPIN") is null ? "0" : null);
        started.Add(process);
        await process.StartAsync();
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
