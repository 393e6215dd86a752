using System.Globalization;
using Grpc.Core;
using RedCross.Import;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>What a service's import reply says, in the one shape the CLI prints.</summary>
internal sealed record ImportSummary(int RowsReceived, int Created, int Duplicates, int Failed, IEnumerable<ImportError> Errors);

/// <summary>`rc members import`, `rc beneficiaries import`: checks the whole file first (limits, header, encoding), so a
/// file that is refused sends nothing; then streams its rows with a progress bar and merges the client's and the
/// server's per-row errors by row number.</summary>
internal static class FileImport
{
    public static async Task<int> RunAsync<TRow, TResponse>(string path, ImportOptions options, Func<AsyncClientStreamingCall<TRow, TResponse>> open,
        Func<ImportRow, TRow> toRow, Func<TResponse, ImportSummary> summarise, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            await foreach (var _ in TabularFile.ReadAsync(stream, options, ct))
            {
            }
        }
        catch (ImportFileException ex)
        {
            throw new UsageException($"{Path.GetFileName(path)} was not imported: {ex.Message}");
        }

        stream.Position = 0;
        var localErrors = new List<ImportError>();
        ImportSummary? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Importing {Path.GetFileName(path)}", maxValue: Math.Max(1, stream.Length));
            using var call = open();
            try
            {
                await foreach (var row in TabularFile.ReadAsync(stream, options, ct))
                {
                    if (row.IsValid)
                    {
                        await call.RequestStream.WriteAsync(toRow(row), ct);
                    }
                    else
                    {
                        localErrors.AddRange(row.Errors);
                    }

                    task.Value = stream.Position;
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException) when (!ct.IsCancellationRequested)
            {
                // The server ended the call early (a refusal such as PermissionDenied): writing then fails with a
                // bare Cancelled, and the server's own status is the response's, thrown below.
            }

            result = summarise(await call);
            task.Value = task.MaxValue;
        });

        var localRefused = localErrors.Select(e => e.RowNumber).Distinct().Count();
        var errors = localErrors.Concat(result!.Errors).OrderBy(e => e.RowNumber).ToList();
        var refused = result.Failed + localRefused;
        AnsiConsole.MarkupLineInterpolated(
            $"Rows read: {result.RowsReceived + localRefused}   created: [green]{result.Created}[/]   already there: {result.Duplicates}   refused: [red]{refused}[/]");
        if (errors.Count > 0)
        {
            Output.Table(["Dòng / Row", "Trường / Field", "Lý do / Reason"], errors.Select(e => new[] { e.RowNumber.ToString(CultureInfo.InvariantCulture), e.Column, e.Reason }));
        }

        return refused > 0 ? ExitCodes.ImportHadRefusedRows : ExitCodes.Done;
    }
}
