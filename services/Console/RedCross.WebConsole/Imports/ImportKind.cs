using Grpc.Core;
using Grpc.Net.Client;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Relief.V1;
using RedCross.Import;

namespace RedCross.WebConsole.Imports;

/// <summary>What the console imports from a file: its name in the upload's address (`/imports/{name}`), the page that
/// uploads it (the progress page is under it), the file's columns, and how its checked rows are streamed to the API.
/// The file reading, the job and its progress are the same for every kind.</summary>
public sealed class ImportKind
{
    public static readonly ImportKind Members = Of(
        "members", "/members/import", MemberRows.Columns,
        channel => new Members.MembersClient(channel).ImportMembers(), MemberRows.ToImport,
        r => new ImportResult(r.Created, r.Duplicates, r.Errors.Select(e => new ImportError(e.RowNumber, e.Field, e.Reason))));

    public static readonly ImportKind Beneficiaries = Of(
        "beneficiaries", "/relief/beneficiaries/import", BeneficiaryRows.Columns,
        channel => new Beneficiaries.BeneficiariesClient(channel).ImportBeneficiaries(), BeneficiaryRows.ToImport,
        r => new ImportResult(r.Created, r.Duplicates, r.Errors.Select(e => new ImportError(e.RowNumber, e.Field, e.Reason))));

    private static readonly ImportKind[] All = [Members, Beneficiaries];

    private ImportKind(string name, string page, IReadOnlyList<ImportColumn> columns, Func<GrpcChannel, ImportJob, IAsyncEnumerable<ImportRow>, Task<ImportResult>> send) =>
        (Name, Page, Columns, Send) = (name, page, columns, send);

    public string Name { get; }

    /// <summary>The upload page; a job's progress is at `{Page}/{id}`.</summary>
    public string Page { get; }

    public IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>Streams the rows the file reader accepted (refusing the others in the job) and returns what the API did.</summary>
    public Func<GrpcChannel, ImportJob, IAsyncEnumerable<ImportRow>, Task<ImportResult>> Send { get; }

    public static ImportKind? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    private static ImportKind Of<TRow, TResponse>(string name, string page, IReadOnlyList<ImportColumn> columns,
        Func<GrpcChannel, AsyncClientStreamingCall<TRow, TResponse>> open, Func<ImportRow, TRow> toRow, Func<TResponse, ImportResult> result) =>
        new(name, page, columns, async (channel, job, rows) =>
        {
            using var call = open(channel);
            try
            {
                await foreach (var row in rows)
                {
                    if (row.IsValid)
                    {
                        await call.RequestStream.WriteAsync(toRow(row));
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

            return result(await call);
        });
}

/// <summary>What the API did with an import's rows: created, already there, and why each row it refused was refused.</summary>
public sealed record ImportResult(int Created, int Duplicates, IEnumerable<ImportError> Errors);
