using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using HdrHistogram;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Campaign.V1;
using RedCross.ServiceDefaults.Data;
using RedCross.Testing;
using RedCross.Testing.Processes;

namespace RedCross.Benchmarks;

/// <summary>Recording a voluntary blood donation with its eligibility check (rules read, the donor's nearest donations
/// on both sides of the day, deferrals, all inside the write transaction) on a campaign database that already holds
/// 1,000,000 donations, one caller over loopback gRPC, against a bare loop committing the same rows without any check
/// (donation, donor update, outbox) in a database of the same size.</summary>
internal static class BloodDonationBenchmark
{
    private static readonly int Existing = int.Parse(Environment.GetEnvironmentVariable("RC_BENCH_DONATIONS") ?? "1000000", CultureInfo.InvariantCulture);
    private const int Donors = 2_000;

    public static async Task RunAsync()
    {
        await using var hosts = new Hosts();
        var (_, membershipGrpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host", pin: false);
        var (_, grpc) = await hosts.StartAsync("campaign", "services/Campaign/RedCross.Campaign.Host", "RedCross.Campaign.Host", new()
        {
            ["Campaign__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
            ["Campaign__Sources__Relief"] = $"http://localhost:{Ports.Free()}",
        });
        var channel = Channels.Local(grpc, hosts.Tokens.ProvinceAdmin);
        var donorsClient = new BloodDonors.BloodDonorsClient(channel);
        var donations = new BloodDonations.BloodDonationsClient(channel);
        var donors = await RegisterDonorsAsync(donorsClient);
        var database = Path.Combine(hosts.Folder, "campaign", "campaign.db");
        Console.Error.WriteLine($"blood donations: seeding {Existing:N0} donations");
        Seed(database, "blood_donations", Existing);
        var bare = Path.Combine(hosts.Folder, "bare.db");
        CreateBare(bare, Existing);

        Console.Error.WriteLine($"blood donations: {Donors:N0} per run, A = RecordBloodDonation, B = bare three-row commit loop");
        var latencies = new LongHistogram(TimeStamp.Seconds(10), 3);
        var (api, raw) = await Measure.Alternate(3,
            async round =>
            {
                var watch = Stopwatch.StartNew();
                foreach (var donor in donors)
                {
                    var start = Stopwatch.GetTimestamp();
                    await donations.RecordBloodDonationAsync(new RecordBloodDonationRequest
                    {
                        // Whole blood 12 weeks apart: every round's donation is allowed.
                        Donation = new BloodDonation { DonorId = donor, Component = "whole_blood", VolumeMl = 350, WeightKg = 60, DonatedOn = new DateOnly(2013, 1, 2).AddDays(round * 90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                    });
                    latencies.RecordValue(Stopwatch.GetTimestamp() - start);
                }

                return Donors / watch.Elapsed.TotalSeconds;
            },
            round => Task.FromResult(BareLoop(bare, round)));
        Console.WriteLine();
        Console.WriteLine($"| recording a blood donation, one caller, {Existing:N0} donations stored | value |");
        Console.WriteLine("|---|---|");
        Measure.Row("RecordBloodDonation (eligibility checked in the write transaction), gRPC: donations/s (median of 3)", api);
        Measure.Row("bare loop: donation + donor update + outbox row, one transaction each, no check: donations/s", raw);
        Measure.Row("ratio RecordBloodDonation / bare", api / raw);
        Measure.Row("RecordBloodDonation latency over loopback gRPC, median ms", latencies.GetValueAtPercentile(50) * 1000.0 / Stopwatch.Frequency);
        Measure.Row("RecordBloodDonation latency over loopback gRPC, p95 ms", latencies.GetValueAtPercentile(95) * 1000.0 / Stopwatch.Frequency);
    }

    private static async Task<List<string>> RegisterDonorsAsync(BloodDonors.BloodDonorsClient client)
    {
        var ids = new List<string>();
        for (var i = 0; i < Donors; i++)
        {
            var request = new CreateBloodDonorRequest
            {
                Donor = new BloodDonor
                {
                    FullName = $"Người Hiến {Name(i)}", BirthDate = "1985-05-05", Sex = i % 2 == 0 ? "male" : "female", WeightKg = 60, BloodGroup = "O+",
                    OrgUnit = i % 2 == 0 ? "01834" : "01837",
                },
            };
            // Campaign learns the tree from membership after it starts.
            ids.Add((await Eventually.Until(async () =>
            {
                try
                {
                    return await client.CreateBloodDonorAsync(request);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return null;
                }
            }, d => d is not null, TimeSpan.FromSeconds(60), "campaign to know the units"))!.Id);
        }

        return ids;
    }

    /// <summary>Fills a table with <paramref name="rows"/> plausible rows in one transaction, column by column from the
    /// table's own definition (so the seed follows the schema), for donors other than the measured ones.</summary>
    private static void Seed(string database, string table, int rows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, DefaultTimeout = 60 }.ToString());
        connection.Open();
        var columns = new List<(string Name, string Type)>();
        using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info({table})";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(1), reader.GetString(2)));
            }
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        insert.Prepare();
        for (var n = 0; n < rows; n++)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = Value(columns[i].Name, n);
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object Value(string column, int n) => column switch
    {
        "Id" => Guid.CreateVersion7().ToString().ToUpperInvariant(),
        "DonorId" => new Guid(n / 10, 0, 0, new byte[8]).ToString().ToUpperInvariant(),
        "SessionId" or "CampaignId" => DBNull.Value,
        "Component" => "whole_blood",
        "VolumeMl" => 350,
        "DonatedOn" => new DateOnly(2000, 1, 1).AddDays(n % 10 * 90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "WeightTenthsKg" => 600,
        "CumulativeCount" => (n % 10) + 1,
        "OrgUnitCode" => "01840",
        "OrgUnitPath" => "06/058/01840",
        "RecordedAt" => "2013-01-01 00:00:00+00:00",
        _ => throw new InvalidOperationException($"The seed does not know column {column}: update the benchmark."),
    };

    private static void CreateBare(string database, int rows)
    {
        using var connection = new SqliteConnection(SqliteConventions.ConnectionString(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database)));
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;" +
            "CREATE TABLE blood_donations (Id TEXT PRIMARY KEY, DonorId TEXT, SessionId TEXT, CampaignId TEXT, Component TEXT, VolumeMl INTEGER, DonatedOn TEXT, " +
            "WeightTenthsKg INTEGER, CumulativeCount INTEGER, OrgUnitCode TEXT, OrgUnitPath TEXT, RecordedAt TEXT);" +
            "CREATE INDEX ix_donor_day ON blood_donations (DonorId, DonatedOn);" +
            "CREATE TABLE blood_donors (Id TEXT PRIMARY KEY, DonationCount INTEGER, LastDonatedOn TEXT, NextEligibleOn TEXT, Version INTEGER);" +
            "CREATE TABLE outbox (Position INTEGER PRIMARY KEY AUTOINCREMENT, Id TEXT, Type TEXT, Payload TEXT, OccurredAt TEXT)";
        schema.ExecuteNonQuery();
        connection.Close();
        Seed(database, "blood_donations", rows);
    }

    private static double BareLoop(string database, int round)
    {
        using var connection = new SqliteConnection(SqliteConventions.ConnectionString(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database)));
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL";
            pragma.ExecuteNonQuery();
        }

        var day = new DateOnly(2013, 1, 2).AddDays(round * 90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Donors; i++)
        {
            var donor = Guid.CreateVersion7().ToString().ToUpperInvariant();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "INSERT INTO blood_donations VALUES ($id, $donor, NULL, NULL, 'whole_blood', 350, $day, 600, 1, '01834', '06/058/01834', $at);" +
                "INSERT INTO blood_donors VALUES ($donor, 1, $day, $day, 1) ON CONFLICT (Id) DO UPDATE SET DonationCount = DonationCount + 1;" +
                "INSERT INTO outbox (Id, Type, Payload, OccurredAt) VALUES ($event, 'BloodDonationRecorded', $payload, $at)";
            command.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("$donor", donor);
            command.Parameters.AddWithValue("$day", day);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$event", Guid.CreateVersion7().ToString());
            command.Parameters.AddWithValue("$payload", "{\"orgUnitCode\":\"01834\",\"component\":\"whole_blood\",\"volumeMl\":350,\"cumulativeCount\":1}");
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        return Donors / watch.Elapsed.TotalSeconds;
    }

    private static string Name(int i) => new([(char)('A' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26))]);
}
