using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Data;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>Relief's three goals on one relief host (CPU 0) that learns the org tree from a membership host beside it:
/// beneficiary import with duplicate detection into a database already holding 100,000 beneficiaries against a bare
/// prepared-insert loop; a filtered page of 50 over loopback gRPC against the same page read with bare SQL from the
/// same file; and CreateDistribution against one donation (balance summed in the write transaction) against a bare
/// loop committing the same two rows (distribution, outbox) per transaction.</summary>
internal static class ReliefBenchmark
{
    private const int Existing = 100_000;
    private const int ImportRows = 20_000;
    private static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];
    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông", "Ma"];
    private static readonly string[] Categories = ["poor", "near_poor", "elderly", "disabled", "orphan", "policy_family", "seriously_ill", "disaster_affected"];

    public static async Task RunAsync()
    {
        await using var hosts = new Hosts();
        var (_, membershipGrpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host", pin: false);
        var (_, grpc) = await hosts.StartAsync("relief", "services/Relief/RedCross.Relief.Host", "RedCross.Relief.Host", new()
        {
            ["Relief__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
            // Experiment knob: the audit trail is on in every deployment.
            ["Relief__Audit__Enabled"] = Environment.GetEnvironmentVariable("RC_BENCH_AUDIT") ?? "true",
        });
        var channel = Channels.Local(grpc, hosts.Tokens.ProvinceAdmin);
        var beneficiaries = new Beneficiaries.BeneficiariesClient(channel);
        await WaitForTreeAsync(beneficiaries);

        Console.Error.WriteLine($"relief: loading {Existing:N0} beneficiaries");
        await ImportAsync(beneficiaries, Enumerable.Range(0, Existing).Select(i => Row(0, i)));
        if (Environment.GetEnvironmentVariable("RC_BENCH_SKIP_IMPORT") is null)
        {
            await ImportGoalAsync(beneficiaries, hosts.Folder);
        }

        await PageGoalAsync(beneficiaries, Path.Combine(hosts.Folder, "relief", "relief.db"));
        await DistributionGoalAsync(channel, beneficiaries, hosts.Folder);
    }

    private static async Task ImportGoalAsync(Beneficiaries.BeneficiariesClient client, string folder)
    {
        Console.Error.WriteLine($"relief import: {ImportRows:N0} new rows per run into ≥ {Existing:N0}, A = gRPC import, B = raw SQLite loop");
        var (import, raw) = await Measure.Alternate(3,
            async round =>
            {
                var watch = Stopwatch.StartNew();
                var created = await ImportAsync(client, Enumerable.Range(0, ImportRows).Select(i => Row(round + 1, i)));
                return created == ImportRows ? ImportRows / watch.Elapsed.TotalSeconds : throw new InvalidOperationException($"import created {created}");
            },
            round => Task.FromResult(RawInsert(folder, round)));
        Console.WriteLine();
        Console.WriteLine("| beneficiary import | rows/s (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row($"ImportBeneficiaries, duplicate detection on, {ImportRows:N0} rows into ≥ {Existing:N0}", import);
        Measure.Row("raw Microsoft.Data.Sqlite prepared insert, one transaction", raw);
        Measure.Row("ratio import / raw", import / raw);
    }

    private static async Task PageGoalAsync(Beneficiaries.BeneficiariesClient client, string database)
    {
        (string Name, ListBeneficiariesRequest Request, string Sql)[] filters =
        [
            ("subtree 058 + category poor", new() { OrgUnit = "058", Category = "poor", PageSize = 50 },
                "WHERE (OrgUnitPath = '06/058' OR OrgUnitPath LIKE '06/058/%') AND Categories LIKE '%|poor|%'"),
            ("commune 01840 + name \"le thi\"", new() { OrgUnit = "01840", Query = "le thi", PageSize = 50 },
                "WHERE OrgUnitPath = '06/058/01840' AND SearchName LIKE '%le thi%'"),
            ("subtree 058 + status active, page 20", new() { OrgUnit = "058", Status = "active", PageSize = 50 },
                "WHERE (OrgUnitPath = '06/058' OR OrgUnitPath LIKE '06/058/%') AND Status = 'active'"),
        ];
        Console.WriteLine();
        Console.WriteLine("| filtered page of 50 from ≥ 160,000 beneficiaries | ListBeneficiaries over loopback gRPC, p50 / p95 ms | bare SQL on the same file, p50 / p95 ms |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, request, where) in filters)
        {
            // The third filter pages: the token of page 19 is fetched once, then page 20 is what is timed.
            for (var page = 1; page < (name.EndsWith("page 20", StringComparison.Ordinal) ? 20 : 1); page++)
            {
                request.PageToken = (await client.ListBeneficiariesAsync(request)).NextPageToken;
            }

            var api = await TimeAsync(200, async () => Check((await client.ListBeneficiariesAsync(request)).Beneficiaries.Count));
            var bare = await TimeAsync(200, () => Task.FromResult(Check(BareSql(database, where, request.PageToken))));
            Measure.Row(name, $"{api.P50:F2} / {api.P95:F2}", $"{bare.P50:F2} / {bare.P95:F2}");
        }
    }

    private static async Task DistributionGoalAsync(Grpc.Net.Client.GrpcChannel channel, Beneficiaries.BeneficiariesClient beneficiaries, string folder)
    {
        const int Gifts = 3_000;
        var person = (await beneficiaries.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01834", PageSize = 1 })).Beneficiaries[0];
        var sponsor = await new Sponsors.SponsorsClient(channel).CreateSponsorAsync(new CreateSponsorRequest { Sponsor = new Sponsor { Kind = "organisation", DisplayName = "Benchmark", OrgUnit = "06" } });
        var distributions = new Distributions.DistributionsClient(channel);
        Console.Error.WriteLine($"relief distributions: {Gifts:N0} per run, one caller, A = CreateDistribution (balance in the transaction), B = bare two-row commit loop");
        var (api, bare) = await Measure.Alternate(3,
            async round =>
            {
                var donation = await new Donations.DonationsClient(channel).CreateDonationAsync(new CreateDonationRequest
                {
                    Donation = new Donation { SponsorId = sponsor.Id, OrgUnit = "058", Kind = "cash", ValueVnd = Gifts * 1_000L, ReceivedOn = "2013-01-02" },
                });
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Gifts; i++)
                {
                    await distributions.CreateDistributionAsync(new CreateDistributionRequest
                    {
                        Distribution = new Distribution { BeneficiaryId = person.Id, Kind = "cash", ValueVnd = 1_000, SourceKind = "donation", DonationId = donation.Id, HandedOverAt = "2013-02-02T09:00" },
                    });
                }

                return Gifts / watch.Elapsed.TotalSeconds;
            },
            round => Task.FromResult(BareTwoRowCommits(folder, round, Gifts)));
        Console.WriteLine();
        Console.WriteLine("| recording a distribution, one caller | per second (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row("CreateDistribution from one donation (balance summed in the write transaction), gRPC", api);
        Measure.Row("bare loop: distribution row + outbox row, one transaction each, synchronous=FULL", bare);
        Measure.Row("ratio CreateDistribution / bare", api / bare);
    }

    private static async Task<int> ImportAsync(Beneficiaries.BeneficiariesClient client, IEnumerable<ImportBeneficiaryRow> rows)
    {
        using var call = client.ImportBeneficiaries();
        foreach (var row in rows)
        {
            await call.RequestStream.WriteAsync(row);
        }

        await call.RequestStream.CompleteAsync();
        return (await call).Created;
    }

    /// <summary>Half the rows carry a national ID (district lists often lack them), so both match rules are exercised.</summary>
    private static ImportBeneficiaryRow Row(int round, int i) => new()
    {
        RowNumber = i + 2,
        Beneficiary = new Beneficiary
        {
            Kind = "person",
            FullName = $"{Family[i % Family.Length]} {(i % 2 == 0 ? "Thị" : "Văn")} {Name(round, i)}",
            BirthDate = new DateOnly(1930, 1, 1).AddDays(i % 20_000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            NationalId = i % 2 == 0 ? $"{round + 10:D2}{i:D10}" : string.Empty,
            Categories = { Categories[i % Categories.Length], Categories[(i / 8) % Categories.Length] },
            OrgUnit = Communes[i % Communes.Length],
        },
    };

    private static string Name(int round, int i) =>
        new([(char)('A' + round), (char)('a' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26)), (char)('a' + (i / 17576 % 26))]);

    private static double RawInsert(string folder, int round)
    {
        var rows = Enumerable.Range(0, ImportRows).Select(i => Row(round + 1, i).Beneficiary).ToList();
        using var connection = Open(folder, $"raw-beneficiaries-{round}",
            "CREATE TABLE beneficiaries (Id TEXT PRIMARY KEY, Kind TEXT, FullName TEXT, SearchName TEXT, BirthDate TEXT, Sex TEXT, NationalId TEXT, " +
            "Phone TEXT, Address TEXT, HouseholdSize INTEGER, Categories TEXT, OrgUnitCode TEXT, OrgUnitPath TEXT, CommunePath TEXT, Status TEXT, RegisteredOn TEXT, Version INTEGER)");
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO beneficiaries VALUES (" + string.Join(", ", Enumerable.Range(0, 17).Select(i => "$p" + i)) + ")";
        var p = Enumerable.Range(0, 17).Select(i => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        insert.Prepare();
        foreach (var r in rows)
        {
            object[] values = [Guid.CreateVersion7().ToString(), r.Kind, r.FullName, r.FullName, r.BirthDate, "", r.NationalId, "", "", 1, "|" + string.Join('|', r.Categories) + "|",
                r.OrgUnit, "06/058/" + r.OrgUnit, "06/058/" + r.OrgUnit, "active", "2026-01-01", 0];
            for (var i = 0; i < values.Length; i++)
            {
                p[i].Value = values[i];
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return ImportRows / watch.Elapsed.TotalSeconds;
    }

    private static int BareSql(string database, string where, string pageToken)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        var after = pageToken.Length == 0 ? string.Empty : " AND Id > $after";
        command.CommandText = $"SELECT * FROM beneficiaries {where}{after} ORDER BY Id LIMIT 51";
        if (after.Length > 0)
        {
            command.Parameters.AddWithValue("$after", new RedCross.ServiceDefaults.Errors.Input().PageToken(pageToken)!.ToUpperInvariant());
        }

        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read() && rows < 50)
        {
            rows++;
        }

        return rows;
    }

    private static double BareTwoRowCommits(string folder, int round, int gifts)
    {
        using var connection = Open(folder, $"raw-distributions-{round}",
            "CREATE TABLE distributions (Id TEXT PRIMARY KEY, BeneficiaryId TEXT, OrgUnitCode TEXT, OrgUnitPath TEXT, Kind TEXT, ValueVnd INTEGER, SourceKind TEXT, DonationId TEXT, HandedOverOn TEXT);" +
            "CREATE TABLE outbox (Position INTEGER PRIMARY KEY AUTOINCREMENT, Id TEXT, Type TEXT, Payload TEXT, OccurredAt TEXT)");
        using var distribution = connection.CreateCommand();
        distribution.CommandText = "INSERT INTO distributions VALUES ($id, $b, '01834', '06/058/01834', 'cash', 1000, 'donation', $d, '2013-02-02')";
        using var outbox = connection.CreateCommand();
        outbox.CommandText = "INSERT INTO outbox (Id, Type, Payload, OccurredAt) VALUES ($id, 'DistributionRecorded', $payload, $at)";
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < gifts; i++)
        {
            using var transaction = connection.BeginTransaction();
            (distribution.Transaction, outbox.Transaction) = (transaction, transaction);
            distribution.Parameters.Clear();
            distribution.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString());
            distribution.Parameters.AddWithValue("$b", Guid.CreateVersion7().ToString());
            distribution.Parameters.AddWithValue("$d", Guid.CreateVersion7().ToString());
            distribution.ExecuteNonQuery();
            outbox.Parameters.Clear();
            outbox.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString());
            outbox.Parameters.AddWithValue("$payload", "{\"orgUnitCode\":\"01834\",\"valueVnd\":1000,\"sourceKind\":\"donation\",\"handedOverOn\":\"2013-02-02\"}");
            outbox.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            outbox.ExecuteNonQuery();
            transaction.Commit();
        }

        return gifts / watch.Elapsed.TotalSeconds;
    }

    private static SqliteConnection Open(string folder, string name, string schema)
    {
        var connection = new SqliteConnection(SqliteConventions.ConnectionString(folder, name));
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " + schema;
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static async Task<(double P50, double P95)> TimeAsync(int calls, Func<Task<int>> call)
    {
        for (var i = 0; i < 20; i++)
        {
            await call();
        }

        var histogram = new LongHistogram(TimeStamp.Seconds(10), 3);
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            histogram.RecordValue(Stopwatch.GetTimestamp() - start);
        }

        return (Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(95)));
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static int Check(int rows) => rows == 50 ? rows : throw new InvalidOperationException($"a page held {rows} rows, not 50");

    private static async Task WaitForTreeAsync(Beneficiaries.BeneficiariesClient client) =>
        await Eventually.Until(async () =>
        {
            try
            {
                await client.ListBeneficiariesAsync(new ListBeneficiariesRequest { OrgUnit = "01855", PageSize = 1 });
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, known => known, TimeSpan.FromSeconds(60), "relief to replicate the org tree");
}
