using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>Commendations of one issuer, form and movement to recipients of one unit, counted on one day (the award year's day
/// the indicators use): the rows the report's commendations section sums over a subtree and period. Incremented by
/// approvals and decremented by revocations, so any arrival order gives the same row.</summary>
internal sealed class CommendationLineRow
{
    public string OrgUnitCode { get; set; } = string.Empty;

    public DateOnly CountedOn { get; set; }

    public string IssuerCode { get; set; } = string.Empty;

    public string FormKind { get; set; } = string.Empty;

    /// <summary>The movement commended (blood_donation, society_work, ...); empty on rows counted before it was kept.</summary>
    public string Movement { get; set; } = string.Empty;

    public string IssuerKind { get; set; } = string.Empty;

    /// <summary>The unit acting for the issuer (empty for the central Red Cross), for its name in the report.</summary>
    public string IssuerOrgUnitCode { get; set; } = string.Empty;

    public long Collectives { get; set; }

    public long Individuals { get; set; }

    public long CashVnd { get; set; }
}

internal static class CommendationLines
{
    public static ModelBuilder AddCommendationLines(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CommendationLineRow>(e =>
        {
            e.ToTable("commendation_lines");
            e.HasKey(x => new { x.OrgUnitCode, x.CountedOn, x.IssuerCode, x.FormKind, x.Movement });
        });
        return modelBuilder;
    }
}
