using Microsoft.EntityFrameworkCore;
using RedCross.Relief.Domain;

namespace RedCross.Relief.Data;

/// <summary>Humanitarian addresses' tables, kept out of <see cref="ReliefDb"/>'s body so the module's other records
/// and this one change apart.</summary>
internal static class AddressModel
{
    public static ModelBuilder AddHumanitarianAddresses(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HumanitarianAddress>(e =>
        {
            e.ToTable("humanitarian_addresses");
            e.HasIndex(x => x.OrgUnitPath);
            // One open address per beneficiary is checked inside the write transaction by this lookup.
            e.HasIndex(x => new { x.BeneficiaryId, x.Status });
        });
        modelBuilder.Entity<AddressCommitment>(e =>
        {
            e.ToTable("address_commitments");
            e.HasIndex(x => x.AddressId);
        });
        modelBuilder.Entity<AddressAssistance>(e =>
        {
            e.ToTable("address_assistance");
            e.HasIndex(x => x.AddressId);
        });
        modelBuilder.Entity<AddressReview>(e =>
        {
            e.ToTable("address_reviews");
            // The overdue list reads the latest review on or before a day per address.
            e.HasIndex(x => new { x.AddressId, x.ReviewedOn });
        });
        return modelBuilder;
    }
}
