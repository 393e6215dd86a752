using RedCross.Testing;
using Xunit;

namespace RedCross.Messaging.Tests;

/// <summary>The building blocks' hand-written statements against the EF model of the tables they write.</summary>
public sealed class HandWrittenSqlTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Theory]
    [InlineData(InboxInsert.Sql)]
    [InlineData(OutboxBulkWriter.Sql)]
    [InlineData(Parking.ParkSql)]
    [InlineData(Parking.CheckpointSql)]
    public void Each_statement_matches_the_model(string sql)
    {
        using var db = database.NewContext();
        Assert.Empty(SqlShape.Problems(db.Model, sql));
    }

    [Fact]
    public void The_check_names_a_wrong_column_a_wrong_table_and_a_conflict_target_that_is_no_key()
    {
        using var db = database.NewContext();
        Assert.Contains("inbox has no column 'Handled'", SqlShape.Problems(db.Model, "INSERT INTO inbox (MessageId, Handled) VALUES ($a, $b)"));
        Assert.Contains("no entity is mapped to table 'inboxes'", SqlShape.Problems(db.Model, "INSERT INTO inboxes (MessageId) VALUES ($a)"));
        Assert.Contains("ON CONFLICT (Source) is neither the key nor a unique index of event_checkpoints",
            SqlShape.Problems(db.Model, "INSERT INTO event_checkpoints (Consumer, Source, Position) VALUES ($a, $b, $c) ON CONFLICT (Source) DO UPDATE SET Position = 1"));
        Assert.Contains("event_checkpoints has no column 'Offset' to update",
            SqlShape.Problems(db.Model, "INSERT INTO event_checkpoints (Consumer, Source, Position) VALUES ($a, $b, $c) ON CONFLICT (Consumer, Source) DO UPDATE SET Offset = 1"));
    }
}
