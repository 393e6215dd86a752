using Microsoft.EntityFrameworkCore;
using RedCross.Relief.Domain;

namespace RedCross.Relief.Data;

/// <summary>The livestock bank's tables, kept apart from <see cref="ReliefDb"/>'s other configuration.</summary>
internal static class LivestockModel
{
    public static ModelBuilder AddLivestock(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LivestockProgramme>(e =>
        {
            e.ToTable("livestock_programmes");
            e.HasIndex(x => x.OrgUnitPath);
        });
        modelBuilder.Entity<LivestockAnimal>(e =>
        {
            e.ToTable("livestock_animals");
            e.HasIndex(x => new { x.ProgrammeId, x.Tag }).IsUnique();
            e.HasIndex(x => x.OrgUnitPath);
            e.HasIndex(x => x.HolderBeneficiaryId);
            // The calf number counts a mother's calves born with one household.
            e.HasIndex(x => new { x.MotherId, x.BornWithBeneficiaryId });
            e.Ignore(x => x.IsHeld);
            e.Ignore(x => x.CameFromProgramme);
        });
        modelBuilder.Entity<HandoverObligation>(e =>
        {
            e.ToTable("livestock_handover_obligations");
            e.HasIndex(x => x.CalfId);
            e.HasIndex(x => new { x.MotherId, x.BeneficiaryId });
            // The overdue list: open ones of a subtree by due date.
            e.HasIndex(x => new { x.State, x.DueOn });
            e.HasIndex(x => x.OrgUnitPath);
        });
        return modelBuilder;
    }
}
