using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RedCross.Contracts.Membership.V1;
using RedCross.ServiceDefaults.Data;
using RedCross.Testing;

namespace RedCross.Benchmarks;

/// <summary>Member import through client-streaming gRPC into SQLite (validation, dedupe, members and
/// outbox rows, WAL + synchronous=FULL) against a bare prepared-insert loop of the same rows into a
/// table of the same shape, in one transaction.</summary>
internal static class ImportBenchmark
{
    private const int Rows = 100_000;
    private static readonly string[] Communes = ["01834", "01837", "01840", "01843", "01846", "01849", "01852", "01855"];

    public static async Task RunAsync()
    {
        Console.Error.WriteLine($"import: {Rows:N0} rows per run, A = gRPC import, B = raw SQLite loop");
        await using var hosts = new Hosts();
        var (_, grpc) = await hosts.StartAsync("membership", "services/Membership/RedCross.Membership.Host", "RedCross.Membership.Host");
        var client = new Members.MembersClient(Channels.Local(grpc, hosts.Tokens.For("province_admin", "06")));

        var (import, raw) = await Measure.Alternate(3, round => ImportAsync(client, round), round => RawAsync(hosts.Folder, round));
        Console.WriteLine();
        Console.WriteLine("| path | rows/s (median of 3) |");
        Console.WriteLine("|---|---|");
        Measure.Row($"ImportMembers, streaming gRPC → SQLite ({Rows:N0} rows)", import);
        Measure.Row("raw Microsoft.Data.Sqlite prepared insert, one transaction", raw);
        Measure.Row("ratio import / raw", import / raw);
    }

    private static async Task<double> ImportAsync(Members.MembersClient client, int round)
    {
        var rows = Enumerable.Range(0, Rows).Select(i => Row(round, i)).ToList();
        var watch = Stopwatch.StartNew();
        using var call = client.ImportMembers();
        foreach (var row in rows)
        {
            await call.RequestStream.WriteAsync(row);
        }

        await call.RequestStream.CompleteAsync();
        var result = await call;
        watch.Stop();
        if (result.Created != Rows)
        {
            throw new InvalidOperationException($"import created {result.Created} of {Rows}: {result.Errors.FirstOrDefault()}");
        }

        return Rows / watch.Elapsed.TotalSeconds;
    }

    private static Task<double> RawAsync(string folder, int round)
    {
        var rows = Enumerable.Range(0, Rows).Select(i => Row(round, i).Member).ToList();
        using var connection = new SqliteConnection(SqliteConventions.ConnectionString(folder, $"raw-{round}"));
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;" +
                "CREATE TABLE members (Id TEXT PRIMARY KEY, FullName TEXT, SearchName TEXT, SortKey TEXT, BirthDate TEXT, Sex TEXT, NationalId TEXT, " +
                "Phone TEXT, Address TEXT, OrgUnitCode TEXT, OrgUnitPath TEXT, JoinedDate TEXT, Status TEXT, Volunteer INTEGER, ImportKey TEXT, Version INTEGER)";
            pragma.ExecuteNonQuery();
        }

        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        string[] columns = ["Id", "FullName", "SearchName", "SortKey", "BirthDate", "Sex", "NationalId", "Phone", "Address", "OrgUnitCode", "OrgUnitPath", "JoinedDate", "Status", "Volunteer", "ImportKey", "Version"];
        insert.CommandText = $"INSERT INTO members VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var p = columns.Select(c => insert.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
        insert.Prepare();
        foreach (var r in rows)
        {
            object[] values = [Guid.CreateVersion7().ToString(), r.FullName, r.FullName, r.FullName, r.BirthDate, r.Sex, r.NationalId, "", "", r.OrgUnit, "06/058/" + r.OrgUnit, r.JoinedDate, "Active", 0, "id:" + r.NationalId, 1];
            for (var i = 0; i < values.Length; i++)
            {
                p[i].Value = values[i];
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        watch.Stop();
        return Task.FromResult(Rows / watch.Elapsed.TotalSeconds);
    }

    private static ImportMemberRow Row(int round, int i) => new()
    {
        RowNumber = i + 2,
        Member = new RegisterMemberRequest
        {
            FullName = "Nguyễn Thị " + Name(i),
            BirthDate = "1980-01-01",
            Sex = "female",
            NationalId = $"{round + 1:D2}{i:D10}",
            OrgUnit = Communes[i % Communes.Length],
            JoinedDate = "2013-06-01",
        },
    };

    private static string Name(int i) => new([(char)('A' + (i % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i / 676 % 26)), (char)('a' + (i / 17576 % 26))]);
}
