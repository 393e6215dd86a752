using Microsoft.Data.Sqlite;

namespace RedCross.System.Tests.Infrastructure;

/// <summary>Figures read straight from the SQLite files (read-only), to reconcile reporting against the
/// source's own tables and to prove what was still pending when a process was killed.</summary>
internal static class Ledger
{
    /// <summary>Members of <paramref name="unitPath"/>'s subtree who joined in <paramref name="year"/>, from membership's table.</summary>
    public static Task<long> MembersJoined(string membershipDb, string unitPath, int year) => Scalar(membershipDb,
        "SELECT COUNT(*) FROM members WHERE JoinedDate BETWEEN $from AND $to AND (OrgUnitPath = $path OR OrgUnitPath LIKE $prefix)",
        ("$from", $"{year}-01-01"), ("$to", $"{year}-12-31"), ("$path", unitPath), ("$prefix", unitPath + "/%"));

    /// <summary>How many of <paramref name="ids"/> membership holds.</summary>
    public static Task<long> MembersWithIds(string membershipDb, IEnumerable<string> ids) => RowsWithIds(membershipDb, "members", ids);

    /// <summary>How many of <paramref name="ids"/> a service's <paramref name="table"/> holds (by its Id column).</summary>
    public static async Task<long> RowsWithIds(string database, string table, IEnumerable<string> ids)
    {
        long found = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            found += await Scalar(database, $"SELECT COUNT(*) FROM {table} WHERE Id IN ({string.Join(',', chunk.Select((_, i) => "$p" + i))})",
                [.. chunk.Select((id, i) => ("$p" + i, (object)id.ToUpperInvariant()))]);
        }

        return found;
    }

    /// <summary>Rows of a service's table matching a condition (a test's own year, unit or status).</summary>
    public static Task<long> Rows(string database, string table, string condition, params (string Name, object Value)[] parameters) =>
        Scalar(database, $"SELECT COUNT(*) FROM {table} WHERE {condition}", parameters);

    /// <summary>Reporting's stored count of new members of <paramref name="year"/>, all units together.</summary>
    public static Task<long> ProjectedNewMembers(string reportingDb, int year) => Scalar(reportingDb,
        "SELECT COALESCE(SUM(Value), 0) FROM indicator_cells WHERE Period = $year AND Code = 'membership.members.new'", ("$year", year.ToString(global::System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Outbox rows a service committed and has not published yet.</summary>
    public static Task<long> Unsent(string database) => Scalar(database, "SELECT COUNT(*) FROM outbox WHERE SentAt IS NULL");

    /// <summary>The standing (not reversed) distributions relief holds for <paramref name="unitPath"/>'s subtree in
    /// <paramref name="year"/>: how many, and their value.</summary>
    public static async Task<(long Count, long Value)> Distributions(string reliefDb, string unitPath, int year)
    {
        (string, object)[] where = [("$from", $"{year}-01-01"), ("$to", $"{year}-12-31"), ("$path", unitPath), ("$prefix", unitPath + "/%")];
        const string Filter = "FROM distributions WHERE ReversedAt IS NULL AND HandedOverOn BETWEEN $from AND $to AND (OrgUnitPath = $path OR OrgUnitPath LIKE $prefix)";
        return (await Scalar(reliefDb, "SELECT COUNT(*) " + Filter, where), await Scalar(reliefDb, "SELECT COALESCE(SUM(ValueVnd), 0) " + Filter, where));
    }

    private static async Task<long> Scalar(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
