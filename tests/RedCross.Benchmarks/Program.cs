using RedCross.Benchmarks;

// taskset -c 1 dotnet run -c Release --project tests/RedCross.Benchmarks -- [import|gateway|projection|catchup|memory|all]
var which = args.FirstOrDefault() ?? "all";
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
if (which is "import" or "all")
{
    await ImportBenchmark.RunAsync();
}

if (which is "gateway" or "all")
{
    await GatewayBenchmark.RunAsync();
}

if (which is "projection" or "all")
{
    await ProjectionBenchmark.RunAsync();
}

if (which is "catchup" or "all")
{
    await CatchUpBenchmark.RunAsync();
}

if (which is "memory" or "all")
{
    await MemoryBenchmark.RunAsync();
}
