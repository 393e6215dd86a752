using System.Globalization;

namespace RedCross.Testing.Processes;

/// <summary>A private RabbitMQ node from the installed rabbitmq-server: its own node name, ports
/// (AMQP, distribution, epmd) and folder under a temp dir, so it touches nothing else on the machine.
/// Stopped, with its epmd, when disposed.</summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    private readonly string folder = Directory.CreateTempSubdirectory("rc-rabbit-").FullName;
    private readonly int epmdPort = Ports.Free();
    private readonly Dictionary<string, string> env;
    private bool started;

    public RabbitMqNode()
    {
        Port = Ports.Free();
        Node = $"rc{Port}@localhost";
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].");
        env = new Dictionary<string, string>
        {
            ["HOME"] = folder,
            ["RABBITMQ_NODENAME"] = Node,
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbit.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
            ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
        };
    }

    public int Port { get; }

    public string Node { get; }

    /// <summary>The node's own account for the hosts (they refuse guest outside Development, as in production).</summary>
    public string Username => "redcross";

    public string Password { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public async Task StartAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed: run the README's test command, which installs it.");
        }

        var (code, output) = await Shell.Run(Server, ["-detached"], env);
        if (code != 0)
        {
            throw new InvalidOperationException("rabbitmq-server did not start: " + output);
        }

        started = true;
        // await_startup exits 69 when called before the node is up: retry it until a deadline.
        await Eventually.Until(async () => (await Ctl_("await_startup")).ExitCode, c => c == 0, TimeSpan.FromSeconds(90), "RabbitMQ to start");
        await Expect("add_user", Username, Password);
        await Expect("set_permissions", "-p", "/", Username, ".*", ".*", ".*");
    }

    /// <summary>Stops the broker application (connections drop, messages stay on disk); the node stays up.</summary>
    public async Task StopAppAsync() => await Expect("stop_app");

    public async Task StartAppAsync()
    {
        await Expect("start_app");
        await Eventually.Until(async () => (await Ctl_("await_startup")).ExitCode, c => c == 0, TimeSpan.FromSeconds(60), "RabbitMQ to restart");
    }

    /// <summary>Ready + unacknowledged messages of a queue, or null when it does not exist.</summary>
    public async Task<long?> QueueDepth(string queue)
    {
        var (_, output) = await Ctl_("list_queues", "name", "messages", "--quiet", "--no-table-headers");
        var line = output.Split('\n').Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).FirstOrDefault(p => p.Length == 2 && p[0] == queue);
        return line is null ? null : long.Parse(line[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The node's process id (from its pid file, once started).</summary>
    public int Pid => int.Parse(File.ReadAllText(env["RABBITMQ_PID_FILE"]).Trim(), CultureInfo.InvariantCulture);

    public async Task DeleteQueueAsync(string queue) => await Expect("delete_queue", queue);

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            try
            {
                await Ctl_("stop");
                var pidFile = env["RABBITMQ_PID_FILE"];
                if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                {
                    await Eventually.Until(() => Task.FromResult(IsRunning(pid)), running => !running, TimeSpan.FromSeconds(30), "the RabbitMQ node to exit");
                }
            }
            finally
            {
                // Our private epmd (its own port) goes with the node; it refuses while the node is still registered.
                await Eventually.Until(async () => (await Shell.Run("epmd", ["-port", env["ERL_EPMD_PORT"], "-kill"], env)).Output,
                    output => !output.Contains("not allowed", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the private epmd to stop");
            }
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Log files still being closed; the folder is under /tmp.
        }
    }

    /// <summary>Alive and not a zombie waiting to be reaped (the detached node's parent is init).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Five minutes, not Shell's two: stopping the broker application closes every service's connections and
    // consumers, which on two cores busy with the other test projects has taken longer than two minutes.
    private Task<(int ExitCode, string Output)> Ctl_(params string[] args) => Shell.Run(Ctl, ["-n", Node, .. args], env, TimeSpan.FromMinutes(5));

    private async Task Expect(params string[] args)
    {
        var (code, output) = await Ctl_(args);
        if (code != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {output}");
        }
    }
}
