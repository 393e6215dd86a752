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
    public static async Task<long> MembersWithIds(string membershipDb, IEnumerable<string> ids)
    {
        long found = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            found += await Scalar(membershipDb, $"SELECT COUNT(*) FROM members WHERE Id IN ({string.Join(',', chunk.Select((_, i) => "$p" + i))})",
                [.. chunk.Select((id, i) => ("$p" + i, (object)id.ToUpperInvariant()))]);
        }

        return found;
    }

    /// <summary>Reporting's stored count of new members of <paramref name="year"/>, all units together.</summary>
    public static Task<long> ProjectedNewMembers(string reportingDb, int year) => Scalar(reportingDb,
        "SELECT COALESCE(SUM(Value), 0) FROM indicator_cells WHERE Period = $year AND Code = 'membership.members.new'", ("$year", year.ToString(global::System.Globalization.CultureInfo.InvariantCulture)));

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
