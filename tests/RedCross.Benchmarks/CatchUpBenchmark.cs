using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Common.V1;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>Reporting catching up from membership's event log over gRPC (inbox, projection rows and
/// checkpoint per transaction of 1,000 events, synchronous=FULL) against a bare loop in this process that
/// reads the same log pages from the same host and writes the same rows with prepared statements in the
/// same transactions, into a copy of reporting's empty database. The log holds N MemberRegistered events
/// written straight into membership's outbox (already marked sent). Rate = events between the first
/// progress seen and the end, over that time, so process start-up is not counted.</summary>
internal static class CatchUpBenchmark
{
    private static readonly int Events = int.Parse(Environment.GetEnvironmentVariable("RC_BENCH_EVENTS") ?? "200000", CultureInfo.InvariantCulture);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"catch-up: {Events:N0} events in membership's log; A = reporting host (CPU 0), B = bare loop (this process)");
        await using var hosts = new Hosts();
        var (membership, membershipGrpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        await membership.KillAsync();
        await SeedLogAsync(Path.Combine(hosts.Folder, "membership", "membership.db"));
        // Membership only serves the log, to both contenders alike: unpinned, so it does not take CPU 0 from the host measured.
        (membership, membershipGrpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host", pin: false);

        // An empty reporting database, migrated by the host itself, for the bare loop to write into.
        var (template, _) = await hosts.StartAsync("reporting-template", "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host",
            new() { ["Reporting__Sources__Membership"] = "http://127.0.0.1:9" });
        await template.KillAsync();

        var (host, bare) = await Measure.Alternate(3,
            round => HostRunAsync(hosts, membershipGrpc, round),
            round => BareRunAsync(hosts, membershipGrpc, round));
        Console.WriteLine();
        Console.WriteLine("| catch-up from membership's log over gRPC, durable writes | events/s (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row("reporting host: intake (inbox check, savepoint, projection, inbox row) + checkpoint, 1,000 per transaction", host);
        Measure.Row("bare loop: same pages, same rows, prepared statements, 1,000 per transaction", bare);
        Measure.Row("ratio host / bare", host / bare);
        Measure.Row("time to catch up 1,000,000 events at the host's rate (s)", 1_000_000 / host);
    }

    private static async Task<double> HostRunAsync(Hosts hosts, int membershipGrpc, int round)
    {
        var (reporting, grpc) = await hosts.StartAsync($"reporting-{round}", "services/Reporting/RedCross.Reporting.Host", "RedCross.Reporting.Host", new()
        {
            ["Reporting__Sources__Membership"] = $"http://localhost:{membershipGrpc}",
            ["Reporting__CatchUp__Interval"] = "01:00:00",
        });
        var admin = new ReportingAdmin.ReportingAdminClient(Channels.Local(grpc, hosts.Tokens.ProvinceAdmin));
        var watch = Stopwatch.StartNew();
        (TimeSpan At, long Checkpoint)? first = null;
        while (true)
        {
            var source = (await admin.GetProjectionStatusAsync(new GetProjectionStatusRequest())).Sources.Single(s => s.Source == "membership");
            if (first is null && source.Checkpoint > 0)
            {
                first = (watch.Elapsed, source.Checkpoint);
            }

            if (source.HeadPosition > 0 && source.Checkpoint == source.HeadPosition && first is { } start)
            {
                var rate = (source.Checkpoint - start.Checkpoint) / (watch.Elapsed - start.At).TotalSeconds;
                await reporting.KillAsync();
                return rate;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"catch-up stuck at {source.Checkpoint} of {source.HeadPosition}: {source.LastError}");
            }

            await Task.Delay(50); // sampling period of the progress probe
        }
    }

    private static async Task<double> BareRunAsync(Hosts hosts, int membershipGrpc, int round)
    {
        var target = Path.Combine(hosts.Folder, $"bare-{round}.db");
        // The template host was killed: its schema may still sit in the WAL file, so both are copied.
        foreach (var suffix in new[] { string.Empty, "-wal" }.Where(s => File.Exists(Path.Combine(hosts.Folder, "reporting-template", "reporting.db" + s))))
        {
            File.Copy(Path.Combine(hosts.Folder, "reporting-template", "reporting.db" + suffix), target + suffix);
        }

        await using var db = new SqliteConnection($"Data Source={target};Pooling=false");
        await db.OpenAsync();
        await Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        var token = hosts.Tokens.For(Roles.Service, string.Empty, TimeSpan.FromHours(1), scopes: Scopes.EventsRead);
        var log = new MembershipEventLog.MembershipEventLogClient(Channels.Local(membershipGrpc, token));

        var watch = Stopwatch.StartNew();
        TimeSpan? firstAt = null;
        long applied = 0, appliedAtFirst = 0;
        var page = new List<EventEnvelope>(1000);
        using var call = log.StreamEvents(new StreamEventsRequest());
        await foreach (var envelope in call.ResponseStream.ReadAllAsync())
        {
            page.Add(envelope);
            if (page.Count == 1000)
            {
                applied += Write(db, page);
                page.Clear();
                if (firstAt is null)
                {
                    (firstAt, appliedAtFirst) = (watch.Elapsed, applied);
                }
            }
        }

        applied += Write(db, page);
        return (applied - appliedAtFirst) / (watch.Elapsed - firstAt!.Value).TotalSeconds;
    }

    /// <summary>The rows the host writes for a page of MemberRegistered: inbox, timeline point, a cell per
    /// period (year, quarter, month), and the checkpoint, in one transaction.</summary>
    private static int Write(SqliteConnection db, List<EventEnvelope> page)
    {
        if (page.Count == 0)
        {
            return 0;
        }

        using var transaction = db.BeginTransaction();
        using var inbox = Prepare(db, transaction, "INSERT INTO inbox (MessageId, Consumer, ProcessedAt) VALUES ($p0, 'reporting:membership', $p1)", 2);
        using var point = Prepare(db, transaction, "INSERT INTO member_timeline (EventId, MemberId, EffectiveDate, RecordedAtTicks, Status, OrgUnitCode) VALUES ($p0, $p1, $p2, $p3, 'active', $p4)", 5);
        using var cell = Prepare(db, transaction, "INSERT INTO indicator_cells (Period, OrgUnitCode, Code, Value) VALUES ($p0, $p1, 'membership.members.new', 1) " +
            "ON CONFLICT (Period, OrgUnitCode, Code) DO UPDATE SET Value = Value + excluded.Value", 2);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        foreach (var envelope in page)
        {
            var e = JsonSerializer.Deserialize<MemberRegistered>(envelope.PayloadJson, Json)!;
            Run(inbox, e.EventId.ToString().ToUpperInvariant(), now);
            Run(point, e.EventId.ToString().ToUpperInvariant(), e.MemberId.ToString().ToUpperInvariant(), e.JoinedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.OccurredAt.UtcTicks, e.OrgUnitCode);
            foreach (var period in new[] { e.JoinedDate.Year.ToString(CultureInfo.InvariantCulture), $"{e.JoinedDate.Year}-Q{((e.JoinedDate.Month - 1) / 3) + 1}", e.JoinedDate.ToString("yyyy-MM", CultureInfo.InvariantCulture) })
            {
                Run(cell, period, e.OrgUnitCode);
            }
        }

        using (var checkpoint = Prepare(db, transaction, "INSERT INTO event_checkpoints (Consumer, Source, Position) VALUES ('reporting:membership', 'membership', $p0) " +
            "ON CONFLICT (Consumer, Source) DO UPDATE SET Position = max(Position, excluded.Position)", 1))
        {
            Run(checkpoint, page[^1].Position);
        }

        transaction.Commit();
        return page.Count;
    }

    /// <summary>N MemberRegistered rows appended to membership's outbox in one transaction, marked sent.</summary>
    private static async Task SeedLogAsync(string membershipDb)
    {
        await using var db = new SqliteConnection($"Data Source={membershipDb};Pooling=false");
        await db.OpenAsync();
        using var transaction = db.BeginTransaction();
        using var insert = Prepare(db, transaction, "INSERT INTO outbox (Id, Type, Payload, OccurredAt, Attempts, Dead, SentAt) VALUES ($p0, 'MemberRegistered', $p1, $p2, 0, 0, $p2)", 3);
        var now = DateTimeOffset.UtcNow;
        string[] units = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];
        for (var i = 0; i < Events; i++)
        {
            var e = new MemberRegistered(Guid.CreateVersion7(), now, units[i % units.Length], Guid.CreateVersion7(), new DateOnly(2014, 1, 1).AddDays(i % 365), new DateOnly(1980, 1, 1), "female", false);
            Run(insert, e.EventId.ToString().ToUpperInvariant(), JsonSerializer.Serialize(e, Json), now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
        }

        transaction.Commit();
    }

    private static SqliteCommand Prepare(SqliteConnection db, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add("$p" + i, SqliteType.Text);
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private static async Task Exec(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
