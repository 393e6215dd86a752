using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Messaging;

/// <summary>A page of the audit trail in the order written, and the token of the next one (empty on the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string NextPageToken);

/// <summary>What every module's ListAuditEntries does: province administrators (and above) only, entries of records
/// whose unit was in the caller's subtree, optionally of one record, keyset-paged by position: in the order written, a read's entry up to a second after the read.</summary>
public static class AuditListing
{
    /// <param name="recordKind">The kind of record this listing serves ("member", "beneficiary").</param>
    /// <param name="idField">The request field naming one record (member_id), for field violations.</param>
    public static async Task<AuditPage> PageAsync<TContext>(TContext db, ServerCallContext context, string recordKind, string idField,
        string? recordId, int pageSize, string? pageToken)
        where TContext : ModuleDbContext
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAuditTrail);
        var input = new Input();
        var id = input.Id(idField, recordId, required: false);
        var size = input.PageSize(pageSize);
        long? after = null;
        if (input.PageToken(pageToken) is { } token)
        {
            after = long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : null;
            if (after is null)
            {
                input.Fail("page_token", "is not a token this service issued");
            }
        }

        input.ThrowIfInvalid();
        var entries = OrgPath.Within(db.Set<AuditEntry>().AsNoTracking().Where(e => e.RecordKind == recordKind), e => e.OrgUnitPath, caller.Subtree);

        if (id is { } one)
        {
            entries = entries.Where(e => e.RecordId == one);
        }

        if (after is { } a)
        {
            entries = entries.Where(e => e.Position > a);
        }

        // Read entries are written in batches after the reads answered; the trail shows every read made before it is listed.
        await context.GetHttpContext().RequestServices.GetRequiredService<AuditReads<TContext>>().FlushAsync(context.CancellationToken);
        var page = await entries.OrderBy(e => e.Position).Take(size + 1).ToListAsync(context.CancellationToken);
        var next = page.Count > size ? Input.EncodePageToken(page[size - 1].Position.ToString(CultureInfo.InvariantCulture)) : string.Empty;
        return new AuditPage([.. page.Take(size)], next);
    }
}
