using System.Diagnostics;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;
using Xunit.Abstractions;

namespace RedCross.System.Tests.Faults;

/// <summary>One process killed with SIGKILL while writes flow to all four sources, then started again. The writes to
/// the other services go on meanwhile; those to the killed one fail and are retried with their request ids, so each
/// is in the ledger once, and reporting ends equal to the ledger. Each case counts in its own year.</summary>
[Collection(FaultsCollection.Name)]
public sealed class ServiceKillTests(Platform platform, ITestOutputHelper output)
{
    [Theory]
    [InlineData(Workload.Membership, 2002)]
    [InlineData(Workload.Relief, 2003)]
    [InlineData(Workload.Campaign, 2004)]
    [InlineData(Workload.Awards, 2005)]
    [InlineData("reporting", 2006)]
    public async Task Killed_mid_stream_and_restarted_it_loses_and_doubles_no_acknowledged_write(string service, int year)
    {
        var workload = await Workload.PrepareAsync(platform, year);
        var traffic = new Traffic(workload, writersPerSource: 2);
        try
        {
            await Until(traffic, () => workload.AcknowledgedTotal, n => n >= 100, "writes to flow");
            await KillWithWorkPendingAsync(workload, service);

            // While it is down the other sources' writes are acknowledged, and the killed one's are refused.
            var atKill = Workload.Sources.ToDictionary(s => s, s => workload.Acknowledged(s).Count);
            foreach (var source in Workload.Sources.Where(s => s != service))
            {
                await Until(traffic, () => workload.Acknowledged(source).Count, n => n >= atKill[source] + 10, $"{source}'s writes to go on");
            }

            if (service != "reporting")
            {
                await Until(traffic, () => workload.FailedAttempts(service), n => n > 0, $"a write to the killed {service} to fail");
            }

            await workload.Process(service).StartAsync();
            await Until(traffic, () => workload.Acknowledged(Source(service)).Count, n => n >= atKill[Source(service)] + 10, $"writes to {service} to resume");
        }
        finally
        {
            await traffic.StopAsync();
            if (!workload.Process(service).IsRunning)
            {
                await workload.Process(service).StartAsync(); // the next test needs the whole deployment
            }
        }

        await workload.AssertReconciledAsync();
        output.WriteLine(string.Join(", ", Workload.Sources.Select(s => $"{s}: {workload.Acknowledged(s).Count} acknowledged, {workload.FailedAttempts(s)} failed attempts retried")));
    }

    /// <summary>Kills the process at a moment it has work in hand, and proves it from what it left behind: a source
    /// service committed events it had not published yet (read from its SQLite file after the kill; when the relay
    /// happened to be empty at that instant, the service is started again and the kill repeated); reporting had
    /// messages waiting for it in its queue that it never consumed.</summary>
    private async Task KillWithWorkPendingAsync(Workload workload, string service)
    {
        var process = workload.Process(service);
        if (service == "reporting")
        {
            await process.KillAsync();
            await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d > 0, TimeSpan.FromSeconds(60),
                "events to wait in reporting's queue while it is dead");
            return;
        }

        long unsentAtKill = 0;
        for (var attempt = 1; attempt <= 5 && unsentAtKill == 0; attempt++)
        {
            if (attempt > 1)
            {
                output.WriteLine($"{service}'s outbox was empty at kill {attempt - 1}: started again to repeat it");
                await process.StartAsync();
            }

            var watch = Stopwatch.StartNew();
            while (await workload.Unsent(service) == 0 && watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Polling the file, not waiting for time: the kill follows the first sight of a pending row.
            }

            await process.KillAsync();
            unsentAtKill = await workload.Unsent(service);
        }

        Assert.True(unsentAtKill > 0, $"{service} had published every event each time it was killed: nothing was pending");
        output.WriteLine($"{service} killed with {unsentAtKill} unpublished events in its outbox");
    }

    /// <summary>The source whose writes go to the service (reporting takes none: any source shows writes resume).</summary>
    private static string Source(string service) => service == "reporting" ? Workload.Membership : service;

    private static Task<int> Until(Traffic traffic, Func<int> probe, Func<int, bool> done, string what) => Eventually.Until(() =>
    {
        traffic.ThrowIfFailed();
        return Task.FromResult(probe());
    }, done, TimeSpan.FromSeconds(120), what);
}
