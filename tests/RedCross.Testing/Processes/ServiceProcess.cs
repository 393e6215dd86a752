using System.Diagnostics;
using System.Text;

namespace RedCross.Testing.Processes;

/// <summary>A host started as a real process (`dotnet Host.dll`) with its own environment; its output
/// is kept for the failure message. Ready when /health/ready answers 200. With <paramref name="cpus"/>
/// it runs under `taskset -c CPUS`, so every thread of it stays on those cores (benchmarks).</summary>
public sealed class ServiceProcess(string name, string binary, int httpPort, IReadOnlyDictionary<string, string> env, string? cpus = null) : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly StringBuilder log = new();
    private Process? process;

    public string Name { get; } = name;

    public int HttpPort { get; } = httpPort;

    public int? Pid => process?.Id;

    public bool IsRunning => process is { HasExited: false };

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(cpus is null ? "dotnet" : "taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cpus is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpus);
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(binary);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.Until(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                return (await Probe.GetAsync($"http://localhost:{HttpPort}/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromSeconds(180), $"{Name} to be ready"); // generous: the full suite loads both cores
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what was acknowledged must already be durable.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
