using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RedCross.Campaign.Domain;
using RedCross.Messaging;
using RedCross.OrgReplica;

namespace RedCross.Campaign.Data;

/// <summary>A programme's stored beneficiary list: replaced whole by a draw, read a page at a time.</summary>
internal static class BeneficiaryLists
{
    /// <summary>Inside the write transaction: <paramref name="campaign"/>'s list replaced by <paramref name="rows"/>, each
    /// with its audit entry. A list may hold 100,000 people: their entries go through the prepared bulk insert, in this
    /// transaction, rather than through the change tracker.</summary>
    public static async Task ReplaceAsync(CampaignDb db, Domain.Campaign campaign, List<CampaignBeneficiary> rows, Func<CampaignBeneficiary, AuditEntry> entry,
        CancellationToken ct)
    {
        await db.Beneficiaries.Where(b => b.CampaignId == campaign.Id).ExecuteDeleteAsync(ct);
        db.Beneficiaries.AddRange(rows);
        using (var audit = new AuditBulkWriter(db, (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), db.AuditEnabled))
        {
            rows.ForEach(r => audit.Add(entry(r)));
        }

        // Counted as a change though a redraw may leave the date and count the same: the list itself changed.
        db.MarkChanged(campaign);
    }

    /// <summary>The rows after position <paramref name="after"/>, in relief's order, and the next page's token.</summary>
    public static Task<(List<CampaignBeneficiary> Page, string Next)> PageAsync(CampaignDb db, Guid campaignId, int after, int pageSize, CancellationToken ct) =>
        Units.PageAsync(db.Beneficiaries.AsNoTracking().Where(b => b.CampaignId == campaignId && b.Position > after).OrderBy(b => b.Position), pageSize,
            b => b.Position.ToString(CultureInfo.InvariantCulture), ct);

    /// <summary>The paths of the units the rows name, from the org replica, so each entry is filed under the person's unit;
    /// a code the replica does not know falls back to <paramref name="fallback"/> (the list's or the campaign's unit).</summary>
    public static async Task<Func<string, string>> UnitPathsAsync(CampaignDb db, IEnumerable<string> codes, string fallback, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        var known = await db.Set<ReplicatedOrgUnit>().AsNoTracking().Where(u => wanted.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Path, ct);
        return code => known.TryGetValue(code, out var path) ? path : fallback;
    }
}
