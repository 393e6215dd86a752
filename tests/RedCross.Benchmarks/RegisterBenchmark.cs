using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>RegisterMember against the membership host (pinned to CPU 0), 32 calls in flight from this process,
/// against a bare loop in this process: 32 concurrent tasks on a pool of Microsoft.Data.Sqlite connections
/// (WAL, synchronous=FULL, busy_timeout=30000 as the product sets), each committing one transaction
/// (BEGIN IMMEDIATE … COMMIT) of the same three rows a registration writes (member, outbox event, audit entry)
/// into a copy of membership's migrated database, so the same tables and indexes are written.</summary>
internal static class RegisterBenchmark
{
    private const int Concurrency = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);
    private static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"register: {Concurrency} in flight, {Duration.TotalSeconds} s per run, A = RegisterMember (host on CPU 0), B = bare SQLite loop (this process)");
        await using var hosts = new Hosts();
        var (template, _) = await hosts.StartAsync("membership-template", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        await template.KillAsync();
        var (_, grpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        var client = new Members.MembersClient(Channels.Local(grpc, hosts.Tokens.ProvinceAdmin));
        await HostRunAsync(client, TimeSpan.FromSeconds(10)); // warm-up: JIT (tiered), thread pool growth, SQLite pages
        await BareRunAsync(hosts.Folder, -1, TimeSpan.FromSeconds(5));

        var hostRuns = new List<(double Rate, double P50, double P99)>();
        var bareRuns = new List<(double Rate, double P50, double P99)>();
        await Measure.Alternate(3, async _ =>
        {
            hostRuns.Add(await HostRunAsync(client, Duration));
            return hostRuns[^1].Rate;
        }, async round =>
        {
            bareRuns.Add(await BareRunAsync(hosts.Folder, round, Duration));
            return bareRuns[^1].Rate;
        });

        Console.WriteLine();
        Console.WriteLine($"| {Concurrency} in flight | calls or commits/s (median of 3) | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|");
        Print("RegisterMember, membership host on CPU 0", hostRuns);
        Print("bare loop: member + outbox + audit rows, BEGIN IMMEDIATE … COMMIT, 32 tasks", bareRuns);
        Measure.Row("ratio host / bare", Measure.Median(hostRuns.Select(r => r.Rate)) / Measure.Median(bareRuns.Select(r => r.Rate)), "", "");
    }

    internal static void Print(string name, List<(double Rate, double P50, double P99)> runs) =>
        Measure.Row(name, Measure.Median(runs.Select(r => r.Rate)), Measure.Median(runs.Select(r => r.P50)), Measure.Median(runs.Select(r => r.P99)));

    internal static async Task<(double Rate, double P50, double P99)> Run(TimeSpan duration, Func<int, long, Task> call)
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
        var count = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(worker => Task.Run(async () =>
        {
            for (long i = 0; watch.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await call(worker, i);
                histogram.RecordValue(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref count);
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        return (count / seconds, Ms(50), Ms(99));
    }

    private static Task<(double Rate, double P50, double P99)> HostRunAsync(Members.MembersClient client, TimeSpan duration) =>
        Run(duration, async (worker, i) => await client.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Trần Văn Tải", BirthDate = "1980-01-01", Sex = "male", OrgUnit = Communes[worker % Communes.Length], JoinedDate = "2013-06-01",
        }));

    private static async Task<(double Rate, double P50, double P99)> BareRunAsync(string folder, int round, TimeSpan duration)
    {
        var target = Path.Combine(folder, $"bare-{round + 1}.db");
        foreach (var suffix in new[] { string.Empty, "-wal" }.Where(s => File.Exists(Path.Combine(folder, "membership-template", "membership.db" + s))))
        {
            File.Copy(Path.Combine(folder, "membership-template", "membership.db" + suffix), target + suffix);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = target, Pooling = true, DefaultTimeout = 30 }.ToString();
        try
        {
            return await Run(duration, async (worker, i) =>
            {
                await using var db = new SqliteConnection(connectionString);
                await db.OpenAsync();
                await using (var pragma = db.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
                    await pragma.ExecuteNonQueryAsync();
                }

                await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync(); // BEGIN IMMEDIATE
                var id = Guid.CreateVersion7();
                var unit = Communes[worker % Communes.Length];
                var now = DateTimeOffset.UtcNow;
                await Exec(db, transaction, "INSERT INTO members (Id, FullName, SearchName, SortKey, BirthDate, Sex, NationalId, Phone, Address, OrgUnitCode, OrgUnitPath, JoinedDate, Status, Volunteer, ImportKey, Version) " +
                    "VALUES ($p0, 'Trần Văn Tải', 'tran van tai', $p1, '1980-01-01', 'male', NULL, NULL, NULL, $p2, $p3, '2013-06-01', 'Active', 0, $p4, 1)",
                    id.ToString().ToUpperInvariant(), "tran van tai|" + id, unit, "06/058/" + unit, "n:tran van tai|1980-01-01|" + unit);
                var e = new MemberRegistered(Guid.CreateVersion7(), now, unit, id, new DateOnly(2013, 6, 1), new DateOnly(1980, 1, 1), "male", false);
                await Exec(db, transaction, "INSERT INTO outbox (Id, Type, Payload, OccurredAt, Attempts, Dead, TraceParent) VALUES ($p0, 'MemberRegistered', $p1, $p2, 0, 0, NULL)",
                    e.EventId.ToString().ToUpperInvariant(), JsonSerializer.Serialize(e, Json), now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
                await Exec(db, transaction, "INSERT INTO audit_entries (At, Subject, Role, Method, RecordKind, RecordId, OrgUnitPath, Action, Fields) VALUES ($p0, 'bench', 'province_admin', '/redcross.membership.v1.Members/RegisterMember', 'member', $p1, $p2, 'change', 'full_name,birth_date,sex,org_unit,joined_date,volunteer')",
                    now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture), id.ToString().ToUpperInvariant(), "06/058/" + unit);
                await transaction.CommitAsync();
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task Exec(SqliteConnection db, SqliteTransaction transaction, string sql, params object[] values)
    {
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, values[i]);
        }

        await command.ExecuteNonQueryAsync();
    }
}
