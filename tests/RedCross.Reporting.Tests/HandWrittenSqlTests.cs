using Microsoft.EntityFrameworkCore;
using RedCross.Reporting.Data;
using RedCross.Reporting.Projections;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The projection writer's prepared statements against reporting's EF model.</summary>
public sealed class HandWrittenSqlTests
{
    [Theory]
    [InlineData(ProjectionWriter.CellSql)]
    [InlineData(ProjectionWriter.PointSql)]
    [InlineData(ProjectionWriter.TargetSql)]
    [InlineData(ProjectionWriter.AddressPointSql)]
    [InlineData(ProjectionWriter.CommendationSql)]
    [InlineData(ProjectionWriter.ProgrammeOpenedSql)]
    [InlineData(ProjectionWriter.ProgrammeVisitsSql)]
    [InlineData(ProjectionWriter.ProgrammeListSql)]
    [InlineData(ProjectionWriter.PartnerSql)]
    [InlineData(ProjectionWriter.GiftSql)]
    [InlineData(ProjectionWriter.SponsorSql)]
    public void Each_statement_matches_the_model(string sql)
    {
        using var db = new ReportingDb(new DbContextOptionsBuilder<ReportingDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.Empty(SqlShape.Problems(db.Model, sql));
    }
}
