using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.ServiceDefaults.Errors;
using Xunit;

namespace RedCross.Messaging.Tests;

public sealed class BulkWriteTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    private static Record Sample(string? note) => new()
    {
        Id = Guid.CreateVersion7(),
        On = new DateOnly(2013, 12, 31),
        At = new DateTimeOffset(2013, 12, 31, 23, 30, 0, TimeSpan.FromHours(7)),
        Note = note,
        Flag = true,
        Amount = 352_323_000,
        Colour = Colour.Green,
    };

    [Fact]
    public async Task A_prepared_insert_stores_each_column_exactly_as_SaveChanges_does()
    {
        var (saved, inserted, empty) = (Sample("saved"), Sample("inserted"), Sample(null));
        await using (var db = database.NewContext())
        {
            db.Records.Add(saved);
            await db.SaveChangesAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            using (var insert = new PreparedInsert<Record>(db, (SqliteTransaction)transaction.GetDbTransaction()))
            {
                insert.Add(inserted);
                insert.Add(empty);
            }

            await transaction.CommitAsync();
        }

        await using var read = database.NewContext();
        // The stored text of every column but Id and Note, compared raw: EF reading both back equal is not enough.
        var stored = await read.Database.SqlQueryRaw<string>(
            "SELECT CAST(\"On\" AS TEXT) || '|' || CAST(At AS TEXT) || '|' || CAST(Flag AS TEXT) || '|' || CAST(Amount AS TEXT) || '|' || Colour AS Value FROM records").ToListAsync();
        Assert.Equal(3, stored.Count);
        Assert.Single(stored.Distinct());
        Assert.Equal("2013-12-31|2013-12-31 23:30:00+07:00|1|352323000|Green", stored[0]);
        var back = await read.Records.AsNoTracking().SingleAsync(r => r.Id == inserted.Id);
        Assert.Equivalent(inserted, back);
        Assert.Null((await read.Records.AsNoTracking().SingleAsync(r => r.Id == empty.Id)).Note);
    }

    [Fact]
    public async Task A_batched_import_counts_rows_created_repeated_and_refused_and_lists_refusals_up_to_its_limit()
    {
        var written = new List<int>();
        var import = new BatchedImport<string>((batch, _) =>
        {
            written.AddRange(batch.Select(int.Parse));
            // The "database" already holds the multiples of 5.
            return Task.FromResult(batch.Count(x => int.Parse(x) % 5 != 0));
        }, batchSize: 100);
        var tally = await import.RunAsync(Rows(3000), (n, t) => n % 2 == 0
            ? t.Fail<string>(t.RowNumber(0), [new FieldViolation("n", "even"), new FieldViolation("m", "also even")])
            : n % 7 == 0 ? t.Duplicate<string>() : n.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

        var odd = Enumerable.Range(1, 3000).Where(n => n % 2 == 1).ToList();
        Assert.Equal(odd.Where(n => n % 7 != 0), written);
        Assert.Equal((3000, 1500), (tally.RowsReceived, tally.Failed));
        Assert.Equal(written.Count(n => n % 5 != 0), tally.Created);
        Assert.Equal(odd.Count(n => n % 7 == 0) + written.Count(n => n % 5 == 0), tally.Duplicates);
        Assert.Equal(ImportTally.MaxErrorsListed, tally.Errors.Count);
        Assert.Equal((2, "n"), (tally.Errors[0].Row, tally.Errors[0].Violation.Field));
    }

    [Fact]
    public async Task A_failing_batch_write_ends_the_import_with_its_error_instead_of_hanging_the_reader()
    {
        var import = new BatchedImport<string>((_, _) => throw new InvalidOperationException("disk full"), batchSize: 10);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            import.RunAsync(Rows(10_000), (n, _) => n.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));
        Assert.Equal("disk full", error.Message);
        Assert.True(import.Tally.RowsReceived < 10_000);
    }

    [Fact]
    public async Task An_import_past_the_row_cap_is_refused_at_the_first_row_over_it_with_the_batches_before_it_stored()
    {
        var written = 0;
        var import = new BatchedImport<string>((batch, _) =>
        {
            written += batch.Count;
            return Task.FromResult(batch.Count);
        }, batchSize: 1000);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            import.RunAsync(Rows(BatchedImport<string>.MaxRows + 500), (_, _) => "r", CancellationToken.None));

        Assert.Equal("rows", Assert.Single(refused.Violations).Field);
        Assert.Equal(BatchedImport<string>.MaxRows + 1, import.Tally.RowsReceived);
        Assert.Equal(BatchedImport<string>.MaxRows, written);
    }

    private static async IAsyncEnumerable<int> Rows(int count)
    {
        for (var n = 1; n <= count; n++)
        {
            await Task.Yield();
            yield return n;
        }
    }
}
