using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RedCross.Contracts.Membership.V1;
using RedCross.Import;
using RedCross.WebConsole.Api;

namespace RedCross.WebConsole.Imports;

/// <summary>Member imports started from the console: the file is checked whole first (its size, header and encoding,
/// so a refused file sends nothing), then its rows are streamed to the API's ImportMembers as the person who sent it,
/// in the background, while the progress page refreshes. A job is visible to its own session only and forgotten an
/// hour after it ends.</summary>
internal sealed class MemberImports(ApiChannel api, TimeProvider time, ILogger<MemberImports> logger)
{
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, ImportJob> jobs = new(StringComparer.Ordinal);

    public ImportJob? Find(string id, string? session) =>
        jobs.TryGetValue(id, out var job) && job.Session == session ? job : null;

    /// <summary>Checks the file and starts its import; a file refused whole throws <see cref="ImportFileException"/>.</summary>
    public async Task<ImportJob> StartAsync(string session, string fileName, MemoryStream file, CancellationToken ct)
    {
        Forget();
        var options = new ImportOptions { Columns = MemberRows.Columns };
        var rows = 0;
        await foreach (var _ in TabularFile.ReadAsync(file, options, ct))
        {
            rows++;
        }

        var job = new ImportJob(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), session, fileName, rows);
        jobs[job.Id] = job;
        file.Position = 0;
        _ = Task.Run(() => RunAsync(job, file, options));
        return job;
    }

    private async Task RunAsync(ImportJob job, MemoryStream file, ImportOptions options)
    {
        ApiChannel.ActAs(job.Session);
        using var call = new Members.MembersClient(api.Channel).ImportMembers();
        try
        {
            try
            {
                await foreach (var row in TabularFile.ReadAsync(file, options))
                {
                    if (row.IsValid)
                    {
                        await call.RequestStream.WriteAsync(MemberRows.ToImport(row));
                    }
                    else
                    {
                        job.Refuse(row.Errors);
                    }

                    job.Advance();
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The server ended the call early (a refusal such as PermissionDenied): its status is the response's.
            }

            var result = await call;
            job.Refuse(result.Errors.Select(e => new ImportError(e.RowNumber, e.Field, e.Reason)));
            job.Finish(result.Created, result.Duplicates, failure: null, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The import of {File} stopped.", job.FileName);
            job.Finish(0, 0, ex is RpcException rpc ? rpc.Status.Detail : "The import stopped: the service did not answer.", time.GetUtcNow());
        }
        finally
        {
            await file.DisposeAsync();
        }
    }

    private void Forget()
    {
        foreach (var (id, job) in jobs)
        {
            if (job.Done && time.GetUtcNow() - job.FinishedAt > Kept)
            {
                jobs.TryRemove(id, out _);
            }
        }
    }
}
