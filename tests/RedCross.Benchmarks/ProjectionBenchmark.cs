using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Membership;
using RedCross.Testing.Processes;

namespace RedCross.Benchmarks;

/// <summary>Reporting's projection of membership events from a real RabbitMQ node (durable SQLite writes,
/// inbox, synchronous=FULL) against a MassTransit consumer that only acknowledges, both draining the same
/// number of persistent messages queued beforehand. Rate = messages between 10% and 100% of the backlog
/// divided by the time between, so process start-up is not counted.</summary>
internal static class ProjectionBenchmark
{
    private const int Events = 20_000;
    private static readonly int BatchSize = int.Parse(Environment.GetEnvironmentVariable("RC_BENCH_BATCH") ?? "100", CultureInfo.InvariantCulture);

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"projection: {Events:N0} persistent messages per run, A = reporting host, B = ack-only MassTransit consumer");
        await using var rabbit = new RabbitMqNode();
        await rabbit.StartAsync();
        // Unpinned: the broker serves both contenders, and the baseline consumer runs in this process.
        await using var hosts = new Hosts(pinToCpu0: false);
        var reportingEnv = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging__RabbitMq__Username"] = rabbit.Username,
            ["Messaging__RabbitMq__Password"] = rabbit.Password,
            ["Reporting__BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        };

        var (reporting, projection) = await Measure.Alternate(3,
            round => ReportingRunAsync(hosts, rabbit, reportingEnv, round),
            round => AckOnlyRunAsync(rabbit, round));
        Console.WriteLine();
        Console.WriteLine("| consumer, draining a queued backlog from RabbitMQ | events/s (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row($"reporting projection (inbox + SQLite, FULL), batches of {BatchSize}, {2 * BatchSize} in flight, prefetch {4 * BatchSize}", reporting);
        Measure.Row("MassTransit consumer that only acknowledges, prefetch 64", projection);
        Measure.Row("ratio projection / ack-only", reporting / projection);
    }

    private static async Task<double> ReportingRunAsync(Hosts hosts, RabbitMqNode rabbit, Dictionary<string, string> env, int round)
    {
        var name = $"reporting-{round}";
        // First start declares the queue and its bindings; then it is stopped while the backlog is queued.
        var (first, _) = await hosts.StartAsync(name, "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host", env);
        await first.KillAsync();
        await PublishBacklogAsync(rabbit, round, withTree: true);

        var (process, _) = await hosts.StartAsync(name, "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host", env);
        var rate = await RateAsync(async () => (long)await ConsumedAsync(process.HttpPort), Events + 2);
        await process.KillAsync();
        // Each contender's queue is bound to the same exchanges: remove it so the next backlog is not doubled.
        await rabbit.DeleteQueueAsync("reporting");
        return rate;
    }

    private static async Task<double> AckOnlyRunAsync(RabbitMqNode rabbit, int round)
    {
        var counter = new AckCounter();
        var queue = $"bench-ack-{round}";
        await using (var declare = Bus(rabbit, queue, counter))
        {
            await declare.StartAsync();
        }

        await PublishBacklogAsync(rabbit, round, withTree: false);
        await using var consumer = Bus(rabbit, queue, counter);
        var start = consumer.StartAsync();
        var rate = await RateAsync(() => Task.FromResult(Interlocked.Read(ref counter.Count)), Events);
        await start;
        await rabbit.DeleteQueueAsync(queue);
        return rate;
    }

    private static async Task<double> RateAsync(Func<Task<long>> consumed, long total)
    {
        var watch = Stopwatch.StartNew();
        TimeSpan? tenth = null;
        long atTenth = 0;
        while (true)
        {
            var n = await consumed();
            if (tenth is null && n >= total / 10)
            {
                (tenth, atTenth) = (watch.Elapsed, n);
            }

            if (n >= total)
            {
                return (n - atTenth) / (watch.Elapsed - tenth!.Value).TotalSeconds;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"only {n} of {total} consumed");
            }

            await Task.Delay(20); // sampling period of the progress probe
        }
    }

    private static async Task PublishBacklogAsync(RabbitMqNode rabbit, int round, bool withTree)
    {
        await using var publisher = Bus(rabbit, null, null);
        await publisher.StartAsync();
        var bus = publisher.Provider.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;
        if (withTree)
        {
            await bus.Publish(new OrgUnitCreated(Guid.CreateVersion7(), now, "06", "Tỉnh", "province", null, "06", "06", new DateOnly(1997, 1, 1), null, []));
            await bus.Publish(new OrgUnitCreated(Guid.CreateVersion7(), now, "058", "Thị xã", "district", "06", "06/058", "058", new DateOnly(1997, 1, 1), null, []));
        }

        for (var batch = 0; batch < Events; batch += 500)
        {
            await Task.WhenAll(Enumerable.Range(batch, 500).Select(i =>
                bus.Publish(new MemberRegistered(Guid.CreateVersion7(), now, "058", Guid.CreateVersion7(), new DateOnly(2020 + round, 1, 1).AddDays(i % 365), new DateOnly(1980, 1, 1), "female", false))));
        }
    }

    private static async Task<double> ConsumedAsync(int httpPort)
    {
        using var http = new HttpClient();
        try
        {
            var metrics = await http.GetStringAsync($"http://localhost:{httpPort}/metrics");
            return metrics.Split('\n').Where(l => l.StartsWith("redcross_events_consumed_total", StringComparison.Ordinal))
                .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static BusHandle Bus(RabbitMqNode rabbit, string? queue, AckCounter? counter)
    {
        var services = new ServiceCollection();
        if (counter is not null)
        {
            services.AddSingleton(counter);
        }

        services.AddMassTransit(x =>
        {
            if (queue is not null)
            {
                x.AddConsumer<AckOnlyConsumer>().Endpoint(e =>
                {
                    e.Name = queue;
                    e.PrefetchCount = 64;
                });
            }

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host("localhost", (ushort)rabbit.Port, "/", h =>
                {
                    h.Username("guest");
                    h.Password("guest");
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        return new BusHandle(services.BuildServiceProvider());
    }

    internal sealed class AckCounter
    {
        public long Count;
    }

    internal sealed class AckOnlyConsumer(AckCounter counter) : IConsumer<MemberRegistered>
    {
        public Task Consume(ConsumeContext<MemberRegistered> context)
        {
            Interlocked.Increment(ref counter.Count);
            return Task.CompletedTask;
        }
    }

    internal sealed class BusHandle(ServiceProvider provider) : IAsyncDisposable
    {
        public ServiceProvider Provider { get; } = provider;

        public Task StartAsync() => Provider.GetRequiredService<IBusControl>().StartAsync();

        public async ValueTask DisposeAsync()
        {
            await Provider.GetRequiredService<IBusControl>().StopAsync();
            await Provider.DisposeAsync();
        }
    }
}
