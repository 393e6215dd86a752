using Microsoft.EntityFrameworkCore;

namespace RedCross.Reporting.Data;

/// <summary>A donor who gave in a unit in a period (year, half, quarter or month key): the first donation of a donor in
/// a period counts the donor once in <c>campaign.blood.donors</c>, later ones in the same period do not. Donations are
/// never reversed, so a row never has to go.</summary>
internal sealed class DonorPeriod
{
    public Guid DonorId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;
}

internal static class BloodDonors
{
    internal const string FirstInPeriodSql = "INSERT INTO donor_periods (DonorId, OrgUnitCode, Period) VALUES ($p0, $p1, $p2) ON CONFLICT DO NOTHING";

    public static ModelBuilder AddBloodDonors(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DonorPeriod>(e =>
        {
            e.ToTable("donor_periods");
            e.HasKey(x => new { x.DonorId, x.OrgUnitCode, x.Period });
        });
        return modelBuilder;
    }
}
