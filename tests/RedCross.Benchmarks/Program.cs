using RedCross.Benchmarks;

// taskset -c 1 dotnet run -c Release --project tests/RedCross.Benchmarks -- [import|register|audit|gateway|projection|catchup|latency|e2e|memory|relief|blood|report|report-render|signin|console|all]
var which = args.FirstOrDefault() ?? "all";
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
if (which is "import" or "all")
{
    await ImportBenchmark.RunAsync();
}

if (which is "register" or "all")
{
    await RegisterBenchmark.RunAsync();
}

if (which is "audit" or "all")
{
    await AuditBenchmark.RunAsync();
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

if (which is "latency" or "all")
{
    await LatencyBenchmark.RunAsync();
}

if (which is "e2e" or "all")
{
    await EndToEndBenchmark.RunAsync();
}

if (which is "memory" or "all")
{
    await MemoryBenchmark.RunAsync();
}

if (which is "relief" or "all")
{
    await ReliefBenchmark.RunAsync();
}

if (which is "signin" or "all")
{
    await SignInBenchmark.RunAsync();
}

if (which is "blood" or "all")
{
    await BloodDonationBenchmark.RunAsync();
}

if (which is "report" or "all")
{
    await ReportBenchmark.RunAsync();
}

if (which is "report-render")
{
    await ReportBenchmark.RenderOnlyAsync();
}

if (which is "console" or "all")
{
    await ConsoleBenchmark.RunAsync();
}
