using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Projections;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>The province's annual report (06, 10 years of recorded work, 8 districts of 14 communes) read from a
/// reporting host whose database holds what 1,000,000 and then 10,000,000 events leave behind, side by side, against
/// a bare call to the same host (GetProjectionStatus: one row read); and the Word rendering against the HTML one.
/// The databases are filled by SQL in the shape the projections write (checked by the reporting tests), not by
/// replaying the events: the projection's own speed is the projection benchmark's.</summary>
internal static class ReportBenchmark
{
    private const int Calls = 25;
    // The flows, and the parts of the people figures by sex and age band that the projections keep beside them.
    private static readonly string[] FlowCodes =
    [
        "membership.members.new", "membership.volunteers.new", "membership.trainings.held", "membership.trainings.participants", "membership.welfare.visits",
        "membership.welfare.value_vnd", "membership.dues.collected_vnd", "relief.donations.received_vnd", "relief.activity_value_vnd",
        "relief.beneficiaries.reached", "relief.beneficiaries.registered", "campaign.health.visits", "campaign.people.served",
        "campaign.blood.donations", "campaign.blood.volume_ml", "awards.commendations.collective",
        .. RedCross.Reporting.Domain.Indicators.Catalog.Where(i => i.PartOf is not null).Select(i => i.Code),
    ];

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"report: province 06, year 2025, {Calls} calls per run; A = 1,000,000 events, B = 10,000,000 events");
        await using var hosts = new Hosts();
        var small = await PrepareAsync(hosts, "reporting-1m", 1_000_000);
        var large = await PrepareAsync(hosts, "reporting-10m", 10_000_000);
        var token = hosts.Tokens.ProvinceAdmin;
        var clients = new[] { small, large }.Select(port => new Contracts.Reporting.V1.Reporting.ReportingClient(Channels.Local(port, token))).ToArray();
        var admins = new[] { small, large }.Select(port => new ReportingAdmin.ReportingAdminClient(Channels.Local(port, token))).ToArray();
        var report = new GetAnnualReportRequest { OrgUnit = "06", Year = 2025 };
        foreach (var client in clients)
        {
            await client.GetAnnualReportAsync(report); // warm-up: JIT, SQLite pages
        }

        var (p50Small, p50Large) = await Measure.Alternate(3, _ => P50(() => clients[0].GetAnnualReportAsync(report).ResponseAsync), _ => P50(() => clients[1].GetAnnualReportAsync(report).ResponseAsync));
        var (bareSmall, bareLarge) = await Measure.Alternate(3, _ => P50(() => admins[0].GetProjectionStatusAsync(new GetProjectionStatusRequest()).ResponseAsync), _ => P50(() => admins[1].GetProjectionStatusAsync(new GetProjectionStatusRequest()).ResponseAsync));
        Console.WriteLine();
        Console.WriteLine("| province report 06, 2025 (reporting host on CPU 0, client on CPU 1) | p50 ms (median of 3 runs of 25) |");
        Console.WriteLine("|---|---|");
        Measure.Row("GetAnnualReport over 1,000,000 events", p50Small);
        Measure.Row("GetAnnualReport over 10,000,000 events", p50Large);
        Measure.Row("ratio 10M / 1M (goal ≤ 1.2)", p50Large / p50Small);
        Measure.Row("bare call to the same host (GetProjectionStatus), 1M / 10M", $"{bareSmall:F2} / {bareLarge:F2}");
        await RenderAsync(clients[0]);
    }

    /// <summary>The Word rendering against the HTML one on the 1M host alone (`report-render`: the 10M database takes ten
    /// minutes to fill and is not needed for this).</summary>
    public static async Task RenderOnlyAsync()
    {
        Console.Error.WriteLine($"report-render: province 06, year 2025, {Calls} calls per run, 1,000,000 events");
        await using var hosts = new Hosts();
        var port = await PrepareAsync(hosts, "reporting-1m", 1_000_000);
        Console.WriteLine();
        Console.WriteLine("| province report 06, 2025 (reporting host on CPU 0, client on CPU 1) | p50 ms (median of 3 runs of 25) |");
        Console.WriteLine("|---|---|");
        await RenderAsync(new Contracts.Reporting.V1.Reporting.ReportingClient(Channels.Local(port, hosts.Tokens.ProvinceAdmin)));
    }

    private static async Task RenderAsync(Contracts.Reporting.V1.Reporting.ReportingClient client)
    {
        var render = (string format) => new RenderAnnualReportRequest { OrgUnit = "06", Year = 2025, Format = format };
        await client.RenderAnnualReportAsync(render("docx")); // warm-up
        var (html, docx) = await Measure.Alternate(3, _ => P50(() => client.RenderAnnualReportAsync(render("html")).ResponseAsync), _ => P50(() => client.RenderAnnualReportAsync(render("docx")).ResponseAsync));
        Measure.Row("RenderAnnualReport html (1M)", html);
        Measure.Row("RenderAnnualReport docx (1M)", docx);
        Measure.Row("ratio docx / html (goal ≤ 2)", docx / html);
    }

    private static async Task<double> P50(Func<Task> call)
    {
        var times = new List<double>(Calls);
        for (var i = 0; i < Calls; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Measure.Median(times);
    }

    /// <summary>Starts a reporting host once (its migrations make the schema), stops it, fills its database for
    /// <paramref name="events"/> events, and starts it again; returns its gRPC port.</summary>
    private static async Task<int> PrepareAsync(Hosts hosts, string name, int events)
    {
        // Its sources are not running: its catch-up finds them unreachable and retries now and then, as in an outage.
        var (first, _) = await hosts.StartAsync(name, "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host");
        await first.KillAsync();
        var watch = Stopwatch.StartNew();
        await FillAsync(Path.Combine(hosts.Folder, name, "reporting.db"), events);
        Console.Error.WriteLine($"  {name}: {events:N0} events' state written in {watch.Elapsed.TotalSeconds:F0} s");
        var (_, grpc) = await hosts.StartAsync(name, "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host");
        return grpc;
    }

    /// <summary>The event mix of a province's ten years: 30% members joining (a member timeline point each), 5% status
    /// changes and transfers (another point), 1% humanitarian-address events (an address timeline point), the rest flows
    /// (distributions, dues, visits, donations...) summed into the cells of their unit's year, half-year, quarter and
    /// month. Campaigns (300) and commendation lines are the same in both: they grow with the work reported, not with
    /// the number of events behind the figures.</summary>
    private static async Task FillAsync(string file, int events)
    {
        await using var db = new SqliteConnection($"Data Source={file};Pooling=False");
        await db.OpenAsync();
        await Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        var random = new Random(events);
        var units = Units();
        // One transaction, begun in SQL so the prepared commands need no transaction object.
        await Exec(db, "BEGIN");
        await InsertUnitsAsync(db, units);
        var communes = units.Where(u => u.Level == "commune").Select(u => u.Code).ToArray();
        var members = new List<(string Id, string Unit)>();
        await using (var member = Prepared(db, "INSERT INTO member_timeline VALUES ($e, $m, $d, $t, $s, $u)", "$e", "$m", "$d", "$t", "$s", "$u"))
        await using (var profile = Prepared(db, "INSERT INTO member_profiles VALUES ($m, $s, $b, $v, $t)", "$m", "$s", "$b", "$v", "$t"))
        {
            for (var i = 0; i < events * 30 / 100; i++)
            {
                var (id, unit) = (Guid.NewGuid().ToString(), communes[random.Next(communes.Length)]);
                members.Add((id, unit));
                await Run(member, Guid.NewGuid(), id, Day(random), i, "active", unit);
                // Sex, year of birth (aged 16 to 85 in 2015) and the volunteer flag, as the registration's profile.
                await Run(profile, id, random.Next(2) == 0 ? "female" : "male", random.Next(1930, 2000), random.Next(5) == 0 ? 1 : 0, i);
            }

            for (var i = 0; i < events * 5 / 100; i++)
            {
                var (id, unit) = members[random.Next(members.Count)];
                var transfer = random.Next(2) == 0;
                await Run(member, Guid.NewGuid(), id, Day(random), events + i, transfer ? "active" : "lapsed", transfer ? communes[random.Next(communes.Length)] : unit);
            }
        }

        await using (var address = Prepared(db, "INSERT INTO address_timeline VALUES ($e, $a, $u, $d, $t, $due)", "$e", "$a", "$u", "$d", "$t", "$due"))
        {
            for (var i = 0; i < events / 100; i++)
            {
                var opened = DateOnly.ParseExact(Day(random), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                await Run(address, Guid.NewGuid(), Guid.NewGuid(), communes[random.Next(communes.Length)], opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i,
                    opened.AddMonths(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        // What the projection keeps event by event, derived here in one statement (a test checks the two agree).
        await Exec(db, RedCross.Reporting.Data.Stocks.FromTimelinesSql);
        await InsertCellsAsync(db, units, events * 64L / 100);
        await InsertProgrammesAndCommendationsAsync(db, communes, random);

        await Exec(db, "COMMIT");

        await Exec(db, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private sealed record Unit(string Code, string Level, string? Parent, string Path);

    private static List<Unit> Units()
    {
        var units = new List<Unit> { new("06", "province", null, "06") };
        foreach (var district in new[] { "058", "060", "061", "062", "063", "064", "065", "066" })
        {
            units.Add(new Unit(district, "district", "06", "06/" + district));
            for (var c = 0; c < 14; c++)
            {
                var code = district + c.ToString("00", CultureInfo.InvariantCulture);
                units.Add(new Unit(code, "commune", district, $"06/{district}/{code}"));
            }
        }

        return units;
    }

    private static async Task InsertUnitsAsync(SqliteConnection db, List<Unit> units)
    {
        await using var unit = Prepared(db, "INSERT INTO org_unit_replica VALUES ($c, $n, $l, $p, $path, $c, '1997-01-01', NULL, 0)", "$c", "$n", "$l", "$p", "$path");
        await using var name = Prepared(db, "INSERT INTO org_unit_replica_names VALUES ('1997-01-01', $c, $n, $l)", "$c", "$n", "$l");
        foreach (var u in units)
        {
            await Run(unit, u.Code, "Hội Chữ thập đỏ " + u.Code, u.Level, u.Parent, u.Path);
            await Run(name, u.Code, "Hội Chữ thập đỏ " + u.Code, u.Level);
        }
    }

    /// <summary>Every flow code in every unit and period of 2016-2025, its values adding up to the flow events.</summary>
    private static async Task InsertCellsAsync(SqliteConnection db, List<Unit> units, long flows)
    {
        var perCell = Math.Max(1, flows / (units.Count * FlowCodes.Length * 10 * 12));
        await using var cell = Prepared(db, "INSERT INTO indicator_cells VALUES ($u, $p, $c, $v)", "$u", "$p", "$c", "$v");
        foreach (var u in units)
        {
            for (var year = 2016; year <= 2025; year++)
            {
                var periods = new List<(string Key, int Months)> { (year.ToString(CultureInfo.InvariantCulture), 12), ($"{year}-H1", 6), ($"{year}-H2", 6) };
                periods.AddRange(Enumerable.Range(1, 4).Select(q => ($"{year}-Q{q}", 3)));
                periods.AddRange(Enumerable.Range(1, 12).Select(m => ($"{year}-{m:00}", 1)));
                foreach (var (key, months) in periods)
                {
                    foreach (var code in FlowCodes)
                    {
                        await Run(cell, u.Code, key, code, perCell * months);
                    }
                }
            }
        }
    }

    /// <summary>Programmes and commendation lines, through the projection writer's own statements (so the benchmark follows
    /// the tables as they change).</summary>
    private static async Task InsertProgrammesAndCommendationsAsync(SqliteConnection db, string[] communes, Random random)
    {
        string[] types = ["blood_donation", "health_check", "health_consultation", "disease_prevention", "summer_activities", "tet_for_the_poor"];
        await using var opened = Prepared(db, ProjectionWriter.ProgrammeOpenedSql, Parameters(6));
        await using var visits = Prepared(db, ProjectionWriter.ProgrammeVisitsSql, Parameters(5));
        await using var list = Prepared(db, ProjectionWriter.ProgrammeListSql, Parameters(4));
        for (var i = 0; i < 300; i++)
        {
            var (id, unit, type) = (Guid.NewGuid(), communes[random.Next(communes.Length)], types[i % types.Length]);
            var start = DateOnly.ParseExact(Day(random), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            await Run(opened, id, unit, $"Chương trình {i}", type, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                start.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Run(visits, id, unit, type, random.Next(0, 3000), random.Next(0, 20));
            await Run(list, id, unit, random.Next(0, 500), 1L);
        }

        await using var line = Prepared(db, ProjectionWriter.CommendationSql, Parameters(10));
        for (var i = 0; i < 2_000; i++)
        {
            await Run(line, communes[random.Next(communes.Length)], Day(random), "ISS-" + (i % 20), "certificate_of_merit", "society_work", "district_red_cross", "058", 1, 2, 0);
        }
    }

    private static string[] Parameters(int count) => [.. Enumerable.Range(0, count).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture))];

    private static string Day(Random random) => new DateOnly(2016, 1, 1).AddDays(random.Next(3_652)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SqliteCommand Prepared(SqliteConnection db, string sql, params string[] names)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static Task Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g => g.ToString().ToUpperInvariant(),
                var v => v,
            };
        }

        return command.ExecuteNonQueryAsync();
    }

    private static async Task Exec(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
