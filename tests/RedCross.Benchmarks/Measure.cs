using System.Globalization;

namespace RedCross.Benchmarks;

/// <summary>Runs two contenders alternately (A B A B …) and reports medians and their ratio, because
/// absolute numbers on a small shared machine mean little and drift between runs.</summary>
internal static class Measure
{
    public static async Task<(double A, double B)> Alternate(int rounds, Func<int, Task<double>> a, Func<int, Task<double>> b)
    {
        var aResults = new List<double>();
        var bResults = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            aResults.Add(await a(round));
            bResults.Add(await b(round));
            Console.Error.WriteLine($"  round {round + 1}: {aResults[^1]:F0} / {bResults[^1]:F0}");
        }

        return (Median(aResults), Median(bResults));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static void Row(params object[] cells) =>
        Console.WriteLine("| " + string.Join(" | ", cells.Select(c => c is double d ? d.ToString("N2", CultureInfo.InvariantCulture) : c.ToString())) + " |");

    /// <summary>A process's resident memory (VmRSS), in MB.</summary>
    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>CPU time a process has used so far (user + system), in seconds; Linux counts it in 1/100 s ticks.</summary>
    public static double CpuSeconds(int pid)
    {
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 14th, stime the 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
