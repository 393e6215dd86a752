using Microsoft.EntityFrameworkCore;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>The annual report's programmes: each campaign organised in the subtree whose dates overlap the period, with
/// its partners, the size of its beneficiary list, its visits, sessions and blood donations, and the gifts relief recorded against it (value and
/// sponsors). Campaign's projection owns the campaign rows, relief's the gifts and sponsor names; a rebuild of either
/// source reproduces its half.</summary>
internal static class ProgrammeSection
{
    /// <summary>How an individual sponsor is shown: never by name, which stays in relief.</summary>
    public const string IndividualSponsor = "(cá nhân)";

    public static async Task<IReadOnlyList<ProgrammeLine>> ReadAsync(ReportingDb db, IReadOnlyCollection<string> unitCodes, Period period, CancellationToken ct)
    {
        var codes = unitCodes.ToList();
        var campaigns = await db.Set<CampaignProgrammeRow>().AsNoTracking()
            .Where(c => codes.Contains(c.OrgUnitCode) && c.StartDate != null && c.StartDate <= period.To && c.EndDate >= period.From)
            .ToListAsync(ct);
        if (campaigns.Count == 0)
        {
            return [];
        }

        var ids = campaigns.Select(c => c.CampaignId).ToList();
        var partners = (await db.Set<CampaignPartnerRow>().AsNoTracking().Where(p => ids.Contains(p.CampaignId)).ToListAsync(ct))
            .ToLookup(p => p.CampaignId, p => p.Name);
        var gifts = (await db.Set<CampaignGiftRow>().AsNoTracking().Where(g => ids.Contains(g.CampaignId)).ToListAsync(ct)).ToLookup(g => g.CampaignId);
        var sponsorIds = gifts.SelectMany(g => g).Select(g => g.SponsorId).Distinct().ToList();
        var sponsors = await db.Set<SponsorNameRow>().AsNoTracking().Where(s => sponsorIds.Contains(s.SponsorId)).ToDictionaryAsync(s => s.SponsorId, ct);

        return [.. campaigns
            .OrderBy(c => c.StartDate).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.CampaignId)
            .Select(c => new ProgrammeLine(
                c.Name.Length > 0 ? c.Name : c.Type,
                c.Type,
                [.. partners[c.CampaignId].Order(StringComparer.Ordinal)],
                SponsorNames(gifts[c.CampaignId], sponsors),
                c.ListSize,
                c.Visits,
                gifts[c.CampaignId].Sum(g => g.ValueVnd),
                c.CommunicationSessions,
                c.BloodDonations,
                c.BloodVolumeMl))];
    }

    /// <summary>Organisations by name, individuals as one "(cá nhân)"; a gift from a fund has no sponsor, and a sponsor
    /// whose registration has not arrived yet is not named until it does.</summary>
    private static List<string> SponsorNames(IEnumerable<CampaignGiftRow> gifts, Dictionary<Guid, SponsorNameRow> sponsors)
    {
        var named = gifts.Where(g => g.SponsorId != Guid.Empty && g.Gifts != 0)
            .Select(g => sponsors.GetValueOrDefault(g.SponsorId))
            .OfType<SponsorNameRow>()
            .ToList();
        var names = named.Where(s => s.Kind == "organisation" && s.DisplayName.Length > 0).Select(s => s.DisplayName).Distinct().Order(StringComparer.Ordinal).ToList();
        if (named.Any(s => s.Kind != "organisation"))
        {
            names.Add(IndividualSponsor);
        }

        return names;
    }
}
