using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>A campaign as the annual report lists it: its organising unit, title, type and dates (from CampaignOpened),
/// the size of its latest drawn beneficiary list, its visits (examinations and consultations) and communication sessions
/// summed over its results and corrections, and the blood donations given at its sessions with their volume. Every event upserts its own columns, so any arrival order gives the same row;
/// a row without dates (results arrived before the opening) is not listed until the opening arrives.</summary>
internal sealed class CampaignProgrammeRow
{
    public Guid CampaignId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public long ListSize { get; set; }

    /// <summary>When the counted list was drawn (UTC ticks of its event): a later draw replaces the count, an older one does not.</summary>
    public long ListDrawnAtTicks { get; set; }

    public long Visits { get; set; }

    public long CommunicationSessions { get; set; }

    public long BloodDonations { get; set; }

    public long BloodVolumeMl { get; set; }
}

/// <summary>A partner organisation of a campaign, by name.</summary>
internal sealed class CampaignPartnerRow
{
    public Guid CampaignId { get; set; }

    public string Name { get; set; } = string.Empty;
}

/// <summary>Relief's distributions recorded against a campaign (campaign_ref = its id), summed per sponsor (Guid.Empty:
/// from a fund, no sponsor); a reversal is deducted.</summary>
internal sealed class CampaignGiftRow
{
    public Guid CampaignId { get; set; }

    public Guid SponsorId { get; set; }

    public long ValueVnd { get; set; }

    public long Gifts { get; set; }
}

/// <summary>A relief sponsor's kind and, for an organisation only, its name (an individual's name never leaves relief).</summary>
internal sealed class SponsorNameRow
{
    public Guid SponsorId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;
}

internal static class ProgrammeRows
{
    public static ModelBuilder AddProgrammeRows(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CampaignProgrammeRow>(e =>
        {
            e.ToTable("campaign_programmes");
            e.HasKey(x => x.CampaignId);
            e.HasIndex(x => x.OrgUnitCode);
        });
        modelBuilder.Entity<CampaignPartnerRow>(e =>
        {
            e.ToTable("campaign_partners");
            e.HasKey(x => new { x.CampaignId, x.Name });
        });
        modelBuilder.Entity<CampaignGiftRow>(e =>
        {
            e.ToTable("campaign_gifts");
            e.HasKey(x => new { x.CampaignId, x.SponsorId });
        });
        modelBuilder.Entity<SponsorNameRow>(e =>
        {
            e.ToTable("sponsor_names");
            e.HasKey(x => x.SponsorId);
        });
        return modelBuilder;
    }
}
