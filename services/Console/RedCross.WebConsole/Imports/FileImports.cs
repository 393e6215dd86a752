using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using RedCross.Import;
using RedCross.WebConsole.Api;

namespace RedCross.WebConsole.Imports;

/// <summary>Imports started from the console (members, beneficiaries: see <see cref="ImportKind"/>): the file is checked
/// whole first (its size, header and encoding, so a refused file sends nothing), then its rows are streamed to the
/// kind's import call as the person who sent it, in the background, while the progress page refreshes. A job is
/// visible to its own session, on its own kind's pages, only, and forgotten an hour after it ends.</summary>
internal sealed class FileImports(ApiChannel api, TimeProvider time, ILogger<FileImports> logger)
{
    private static readonly TimeSpan Kept = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, ImportJob> jobs = new(StringComparer.Ordinal);

    public ImportJob? Find(ImportKind kind, string id, string? session) =>
        jobs.TryGetValue(id, out var job) && job.Session == session && job.Kind == kind ? job : null;

    /// <summary>Checks the file and starts its import; a file refused whole throws <see cref="ImportFileException"/>.</summary>
    public async Task<ImportJob> StartAsync(ImportKind kind, string session, string fileName, MemoryStream file, CancellationToken ct)
    {
        Forget();
        var options = new ImportOptions { Columns = kind.Columns };
        var rows = 0;
        await foreach (var _ in TabularFile.ReadAsync(file, options, ct))
        {
            rows++;
        }

        var job = new ImportJob(kind, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), session, fileName, rows);
        jobs[job.Id] = job;
        file.Position = 0;
        _ = Task.Run(() => RunAsync(job, file, options));
        return job;
    }

    private async Task RunAsync(ImportJob job, MemoryStream file, ImportOptions options)
    {
        ApiChannel.ActAs(job.Session);
        try
        {
            var result = await job.Kind.Send(api.Channel, job, TabularFile.ReadAsync(file, options));
            job.Refuse(result.Errors);
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
