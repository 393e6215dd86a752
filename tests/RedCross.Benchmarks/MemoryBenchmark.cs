namespace RedCross.Benchmarks;

/// <summary>Resident memory of the monolith once started and idle (goal: below 250 MB).</summary>
internal static class MemoryBenchmark
{
    public static async Task RunAsync()
    {
        var samples = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            await using var hosts = new Hosts();
            var (monolith, _) = await hosts.StartAsync("monolith", "services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host");
            // Idle: started, reference data loaded and published, nothing asked of it. Probe after a quiet spell.
            await Task.Delay(TimeSpan.FromSeconds(10));
            samples.Add(Measure.ResidentMegabytes(monolith.Pid!.Value));
            Console.Error.WriteLine($"  run {run + 1}: {samples[^1]:F0} MB");
        }

        Console.WriteLine();
        Console.WriteLine("| monolith after start, idle 10 s | VmRSS MB (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row("RedCross.Monolith.Host (Release, Server GC default)", Measure.Median(samples));
    }
}
