using System.Globalization;
using RedCross.Contracts.Awards.V1;
using RedCross.Contracts.Campaign.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;

namespace RedCross.Benchmarks;

/// <summary>The microservices deployment (RabbitMQ, five services, the gateway; Release) under writes to all four
/// writing services through the gateway at 200/s (RC_BENCH_RATE) for 60 s: latency from each write's OK to reporting
/// showing it (<see cref="VisibilityRun"/>), then the resident memory of every host (goal: each under 150 MB).
/// Writes: RegisterMember, CreateDonation (1 VND, so its value counts it), RecordCampaignResult (one examination) on
/// a campaign per commune, and ApproveNomination of a nomination prepared beforehand (preparing is not measured).
/// Nothing is pinned: the eight processes and this load share the machine's cores, as a small server would.</summary>
internal static class EndToEndBenchmark
{
    private const string Issuer = "06-HCTD-BENCH";

    public static async Task RunAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Gateway__RateLimits__StaffPerSecond"] = "1000000", // the per-caller quota would be the thing measured otherwise
            // The catch-up timers back to the hosts' defaults (the test deployment shortens reporting's, lengthens campaign's).
            ["Reporting__CatchUp__Interval"] = "00:00:05",
            ["Campaign__CatchUp__Interval"] = "00:00:05",
        };
        // Experiments: RC_BENCH_HOST_<setting>=<value> sets a setting of every host (RC_BENCH_HOST_DOTNET_gcServer=0).
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string)e.Value!)).Where(e => e.Item1.StartsWith("RC_BENCH_HOST_", StringComparison.Ordinal)))
        {
            settings[key["RC_BENCH_HOST_".Length..]] = value;
        }

        await using var deployment = new Microservices(settings);
        await deployment.StartAsync();
        var channel = Channels.Local(deployment.GatewayGrpcPort, deployment.Tokens.ProvinceAdmin);
        var reports = new Contracts.Reporting.V1.Reporting.ReportingClient(channel);
        await LatencyBenchmark.WaitForUnitsAsync(reports);

        var sponsor = await Eventually.OnceTheTreeIsKnown(() => new Sponsors.SponsorsClient(channel).CreateSponsorAsync(new CreateSponsorRequest
        {
            Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Nhà tài trợ đo tải", OrgUnit = "06" },
        }).ResponseAsync, "relief to know 06");
        var campaigns = new Campaigns.CampaignsClient(channel);
        var campaignOf = new Dictionary<string, string>();
        foreach (var unit in VisibilityRun.Communes)
        {
            var created = await Eventually.OnceTheTreeIsKnown(() => campaigns.CreateCampaignAsync(new CreateCampaignRequest
            {
                Campaign = new Contracts.Campaign.V1.Campaign { Type = "health_check", Name = "Khám bệnh đo tải " + unit, OrgUnit = unit, StartDate = "2000-01-01", EndDate = "2025-12-31" },
            }).ResponseAsync, "campaign to know " + unit);
            campaignOf[unit] = (await campaigns.OpenCampaignAsync(new OpenCampaignRequest { Id = created.Id, OpenedOn = "2000-01-01" })).Id;
        }

        await Eventually.OnceTheTreeIsKnown(() => new Issuers.IssuersClient(channel).CreateIssuerAsync(new CreateIssuerRequest
        {
            Issuer = new Issuer
            {
                Code = Issuer, Kind = "provincial_red_cross", OrgUnit = "06", Name = "Hội Chữ thập đỏ tỉnh (đo tải)",
                Forms = { new AwardForm { Kind = "certificate_of_merit", CashCollectiveVnd = 500_000 } },
            },
        }).ResponseAsync, "awards to know 06");

        var members = new Members.MembersClient(channel);
        var donations = new Donations.DonationsClient(channel);
        var nominations = new Nominations.NominationsClient(channel);
        string[] nominated = [];
        VisibilityRun run = null!;
        run = new VisibilityRun(((VisibilityRun.Source[])
        [
            LatencyBenchmark.Membership(members),
            new("relief CreateDonation", "relief.donations.received_vnd", (_, unit, day) => donations.CreateDonationAsync(new CreateDonationRequest
            {
                Donation = new Donation { SponsorId = sponsor.Id, OrgUnit = unit, Kind = "cash", ValueVnd = 1, ReceivedOn = Iso(day) },
            }).ResponseAsync),
            new("campaign RecordCampaignResult", "campaign.health.visits.examination", (_, unit, day) => campaigns.RecordCampaignResultAsync(new RecordCampaignResultRequest
            {
                CampaignId = campaignOf[unit], Result = new CampaignResult { RecordedOn = Iso(day), Figures = new CampaignFigures { Examinations = 1 } },
            }).ResponseAsync),
            new("awards ApproveNomination", "awards.commendations.collective", (k, _, day) => nominations.ApproveNominationAsync(new ApproveNominationRequest
            {
                Id = nominated[k], DecisionNumber = "1/QĐ-ĐT", DecisionDate = Iso(day),
            }).ResponseAsync),
        // RC_BENCH_ONLY=<name start> keeps one kind of write, to study it alone.
        ]).Where(s => s.Name.StartsWith(Environment.GetEnvironmentVariable("RC_BENCH_ONLY") ?? "", StringComparison.Ordinal)).ToList(), reports, defaultRate: 200);

        // The nominations each approval decides, for the unit and year of the cell its approval goes to.
        Console.Error.WriteLine($"e2e: preparing {run.PerSource + VisibilityRun.WarmUp:N0} nominations");
        nominated = new string[run.PerSource + VisibilityRun.WarmUp];
        await Parallel.ForEachAsync(Enumerable.Range(0, nominated.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (k, ct) =>
        {
            var (unit, day, _) = run.Plan(k);
            nominated[k] = (await nominations.CreateNominationAsync(new CreateNominationRequest
            {
                Nomination = new Nomination
                {
                    IssuerCode = Issuer, FormKind = "certificate_of_merit", Movement = "society_work", Year = day.Year, ProposerOrgUnit = "058",
                    Recipient = new Recipient { Kind = "group", OrgUnit = unit, GroupName = $"Tổ đo tải {k}" },
                },
                Submit = true, SubmittedOn = $"{day.Year}-01-01",
            }, cancellationToken: ct)).Id;
        });

        Console.Error.WriteLine($"e2e: microservices through the gateway, {run.Rate} writes/s for {run.Duration.TotalSeconds} s");
        // CPU each process used while the measured writes were sent: how close to the machine's two cores the load is.
        var cpu = new Dictionary<string, double>();
        var rabbit = deployment.Rabbit.Pid;
        void Sample(double sign)
        {
            foreach (var (name, pid) in deployment.Processes.Select(p => (p.Name, p.Pid!.Value)).Append(("RabbitMQ", rabbit)).Append(("this load", Environment.ProcessId)))
            {
                cpu[name] = cpu.GetValueOrDefault(name) + (sign * Measure.CpuSeconds(pid));
            }
        }

        run.Sending += () => Sample(-1);
        run.Sent += () => Sample(+1);
        await run.RunAsync("microservices (RabbitMQ, five services, gateway), writes to four services through the gateway");

        // RC_BENCH_LOGS=<folder> keeps each host's output (warnings and errors) for a look after the run.
        if (Environment.GetEnvironmentVariable("RC_BENCH_LOGS") is { } logs)
        {
            foreach (var process in deployment.Processes)
            {
                await File.WriteAllTextAsync(Path.Combine(logs, process.Name + ".log"), process.Log);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| process | resident memory after the run, MB (goal < 150 each) | CPU seconds while the writes were sent (two cores give {2 * run.Duration.TotalSeconds:F0}) |");
        Console.WriteLine("|---|---|---|");
        foreach (var process in deployment.Processes)
        {
            Measure.Row(process.Name, Measure.ResidentMegabytes(process.Pid!.Value), cpu[process.Name]);
        }

        Measure.Row("RabbitMQ (beam)", Measure.ResidentMegabytes(rabbit), cpu["RabbitMQ"]);
        Measure.Row("this load (not a host)", "", cpu["this load"]);
        Measure.Row("all", "", cpu.Values.Sum());
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
