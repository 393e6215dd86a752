using System.Globalization;
using RedCross.Contracts.Membership.V1;
using RedCross.Import;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc members import`: checks the whole file first (limits, header, encoding), so a file that
/// is refused sends nothing; then streams its rows with a progress bar and merges the client's and the
/// server's per-row errors by row number.</summary>
internal static class MemberImport
{
    public static async Task<int> RunAsync(Members.MembersClient client, string path, ImportOptions options, CancellationToken ct)
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
        var localErrors = new List<ImportRowError>();
        ImportMembersResponse? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Importing {Path.GetFileName(path)}", maxValue: Math.Max(1, stream.Length));
            using var call = client.ImportMembers(cancellationToken: ct);
            await foreach (var row in TabularFile.ReadAsync(stream, options, ct))
            {
                if (row.IsValid)
                {
                    await call.RequestStream.WriteAsync(MemberRows.ToImport(row), ct);
                }
                else
                {
                    localErrors.AddRange(MemberRows.Errors(row));
                }

                task.Value = stream.Position;
            }

            await call.RequestStream.CompleteAsync();
            result = await call;
            task.Value = task.MaxValue;
        });

        var localRefused = localErrors.Select(e => e.RowNumber).Distinct().Count();
        var errors = localErrors.Concat(result!.Errors).OrderBy(e => e.RowNumber).ToList();
        var refused = result.Failed + localRefused;
        AnsiConsole.MarkupLineInterpolated(
            $"Rows read: {result.RowsReceived + localRefused}   created: [green]{result.Created}[/]   already there: {result.Duplicates}   refused: [red]{refused}[/]");
        if (errors.Count > 0)
        {
            Output.Table(["Dòng / Row", "Trường / Field", "Lý do / Reason"], errors.Select(e => new[] { e.RowNumber.ToString(CultureInfo.InvariantCulture), e.Field, e.Reason }));
        }

        return refused > 0 ? ExitCodes.ImportHadRefusedRows : ExitCodes.Done;
    }
}
