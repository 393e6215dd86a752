using System.Threading.Channels;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Messaging;

/// <summary>What a streamed import did; each service maps it to its own response message.</summary>
public sealed class ImportTally
{
    /// <summary>More errors than this are counted but not listed: a broken 100,000-row file must not make a huge reply.</summary>
    public const int MaxErrorsListed = 1000;

    public int RowsReceived { get; internal set; }

    public int Created { get; internal set; }

    /// <summary>Rows that repeat an earlier row of the file or match an existing record: they change nothing.</summary>
    public int Duplicates { get; internal set; }

    public int Failed { get; private set; }

    public List<(int Row, FieldViolation Violation)> Errors { get; } = [];

    /// <summary>The row number to report: the one the client sent, else the row's position in the stream.</summary>
    public int RowNumber(int sent) => sent > 0 ? sent : RowsReceived;

    /// <summary>Records a refused row; returns null so a check can end with <c>return tally.Fail(...)</c>.</summary>
    public T? Fail<T>(int row, IEnumerable<FieldViolation> violations)
        where T : class
    {
        Failed++;
        foreach (var v in violations.Take(MaxErrorsListed - Errors.Count))
        {
            Errors.Add((row, v));
        }

        return null;
    }

    public T? Duplicate<T>()
        where T : class
    {
        Duplicates++;
        return null;
    }
}

/// <summary>The shape every bulk import shares: rows are checked one by one as they stream in (exactly as a single
/// create would check them), accepted records are written in batches of one transaction each, and checking and
/// writing run side by side (while one batch is written the next is read and checked). A batch's writer returns how
/// many records it created; the rest matched existing records. Committed batches stay if the stream breaks.</summary>
public sealed class BatchedImport<TRecord>(Func<IReadOnlyList<TRecord>, CancellationToken, Task<int>> writeBatch, int batchSize = 1000)
    where TRecord : class
{
    /// <summary>Rows one import may send (the number `rc` holds a file to before sending, ImportOptions.DefaultMaxRows): a
    /// province's whole membership fits; a gRPC client sending more is stopped at the next row.</summary>
    public const int MaxRows = 200_000;

    public ImportTally Tally { get; } = new();

    /// <param name="check">The row as a record, or null when refused (<see cref="ImportTally.Fail{T}"/>) or a
    /// repeat (<see cref="ImportTally.Duplicate{T}"/>).</param>
    public async Task<ImportTally> RunAsync<TRow>(IAsyncEnumerable<TRow> rows, Func<TRow, ImportTally, TRecord?> check, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<TRecord>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    var created = batch.Count == 0 ? 0 : await writeBatch(batch, cancellationToken);
                    Tally.Created += created;
                    Tally.Duplicates += batch.Count - created;
                }
            }
            catch (Exception e)
            {
                // Unblocks the reading side, which would otherwise wait for room in a channel nobody empties.
                batches.Writer.TryComplete(e);
                throw;
            }
        }, cancellationToken);

        try
        {
            var batch = new List<TRecord>(batchSize);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (++Tally.RowsReceived > MaxRows)
                {
                    throw new ValidationFailedException("rows", $"an import takes at most {MaxRows} rows: stopped at row {Tally.RowsReceived}, "
                        + $"the whole batches of {batchSize} before it are stored (send the rest as another import; stored rows count as duplicates)");
                }

                if (check(row, Tally) is { } record)
                {
                    batch.Add(record);
                }

                if (batch.Count == batchSize)
                {
                    await batches.Writer.WriteAsync(batch, cancellationToken);
                    batch = new List<TRecord>(batchSize);
                }
            }

            await batches.Writer.WriteAsync(batch, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // The writer failed: its own exception, awaited below, is the one to report.
        }
        finally
        {
            batches.Writer.TryComplete();
            await writer;
        }

        return Tally;
    }
}
