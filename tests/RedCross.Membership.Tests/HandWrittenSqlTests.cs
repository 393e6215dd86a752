using Microsoft.EntityFrameworkCore;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.Testing;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>The bulk import's prepared inserts against membership's EF model.</summary>
public sealed class HandWrittenSqlTests
{
    public static TheoryData<string> Statements => [MemberImport.MemberInsert.Sql, AuditBulkWriter.Sql];

    [Theory]
    [MemberData(nameof(Statements))]
    public void Each_statement_matches_the_model(string sql)
    {
        using var db = new MembershipDb(new DbContextOptionsBuilder<MembershipDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.Empty(SqlShape.Problems(db.Model, sql));
    }
}
