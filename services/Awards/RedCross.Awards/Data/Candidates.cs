using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Domain;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Awards.Data;

/// <summary>Blood donors due recognition: in a tier's province and its issuer's area, with at least its donations, and
/// no standing nomination for its issuer and form (in any year: a tier is reached once in a donor's life).</summary>
internal static class Candidates
{
    public sealed record Candidate(DonorTally Donor, List<RecognitionTier> Due);

    public static async Task<List<Candidate>> FindAsync(AwardsDb db, IQueryable<DonorTally> donors, string? issuerCode, Guid? after, int limit, CancellationToken ct)
    {
        var standing = Nomination.Standing;
        var tiers = issuerCode is null ? db.RecognitionTiers : db.RecognitionTiers.Where(t => t.IssuerCode == issuerCode);
        var due = from t in tiers
                  join i in db.Issuers on t.IssuerCode equals i.Code
                  select new { Tier = t, i.OrgUnitPath };
        // The scope here is a column (each tier's issuer's unit), not one value: OrgPath.InQuery spells the test for the
        // database, which runs the whole filter.
        var rows = donors.Where(OrgPath.InQuery<DonorTally>(d => due.Any(x => x.Tier.ProvinceCode == d.ProvinceCode && d.DonationCount >= x.Tier.MinDonations
            && (x.OrgUnitPath == string.Empty || OrgPath.IsWithin(d.OrgUnitPath, x.OrgUnitPath))
            && !db.Nominations.Any(n => n.RecipientKey == d.RecipientKey && n.IssuerCode == x.Tier.IssuerCode && n.FormKind == x.Tier.FormKind
                && standing.Contains(n.Status)))));
        if (after is { } a)
        {
            rows = rows.Where(d => d.DonorId.CompareTo(a) > 0);
        }

        var page = await rows.AsNoTracking().OrderBy(d => d.DonorId).Take(limit).ToListAsync(ct);
        if (page.Count == 0)
        {
            return [];
        }

        // The page's tiers and nominations, matched in memory with the same rule.
        var provinces = page.Select(d => d.ProvinceCode).Distinct().ToList();
        var keys = page.Select(d => d.RecipientKey).ToList();
        var applicable = await due.Where(x => provinces.Contains(x.Tier.ProvinceCode)).ToListAsync(ct);
        var held = (await db.Nominations.AsNoTracking().Where(n => keys.Contains(n.RecipientKey) && standing.Contains(n.Status))
            .Select(n => new { n.RecipientKey, n.IssuerCode, n.FormKind }).ToListAsync(ct)).ToHashSet();
        return [.. page.Select(d => new Candidate(d, [.. applicable
            .Where(x => x.Tier.ProvinceCode == d.ProvinceCode && d.DonationCount >= x.Tier.MinDonations
                && (x.OrgUnitPath.Length == 0 || OrgPath.IsWithin(d.OrgUnitPath, x.OrgUnitPath))
                && !held.Contains(new { d.RecipientKey, x.Tier.IssuerCode, x.Tier.FormKind }))
            .Select(x => x.Tier).OrderBy(t => t.MinDonations).ThenBy(t => t.IssuerCode, StringComparer.Ordinal)]))];
    }
}
