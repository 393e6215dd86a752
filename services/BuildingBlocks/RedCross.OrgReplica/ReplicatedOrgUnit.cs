using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Membership;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Security;

namespace RedCross.OrgReplica;

/// <summary>One unit as the owning service last described it. Codes and paths never change, so
/// "inside X's subtree" is a prefix test; validity dates say which tree a period rolls up by.</summary>
public sealed class ReplicatedOrgUnit
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Level { get; set; } = string.Empty;

    public string? ParentCode { get; set; }

    public string Path { get; set; } = string.Empty;

    public string? AdminAreaCode { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    /// <summary>UTC ticks of the event last applied, so a late, older event never overwrites a newer one.</summary>
    public long UpdatedAtTicks { get; set; }

    /// <summary>Dated names and levels, oldest first.</summary>
    public List<ReplicatedUnitName> Names { get; set; } = [];

    /// <summary>The name the unit bore on <paramref name="date"/>: a report of 2013 shows the 2013 name.</summary>
    public string NameOn(DateOnly date) =>
        Names.Where(n => n.ValidFrom <= date).MaxBy(n => n.ValidFrom)?.Name ?? Names.MinBy(n => n.ValidFrom)?.Name ?? Name;
}

/// <summary>A unit's name and level from a date.</summary>
public sealed class ReplicatedUnitName
{
    public DateOnly ValidFrom { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Level { get; set; } = string.Empty;
}

public static class OrgReplica
{
    public static ModelBuilder AddOrgReplica(this ModelBuilder model)
    {
        model.Entity<ReplicatedOrgUnit>(e =>
        {
            e.ToTable("org_unit_replica");
            e.HasKey(x => x.Code);
            e.HasIndex(x => x.Path);
            e.OwnsMany(x => x.Names, n =>
            {
                n.ToTable("org_unit_replica_names");
                n.WithOwner().HasForeignKey("Code");
                n.HasKey("Code", nameof(ReplicatedUnitName.ValidFrom));
            });
        });
        return model;
    }

    public static Task ApplyAsync(ModuleDbContext db, OrgUnitCreated e, CancellationToken cancellationToken) =>
        UpsertAsync(db, e.OrgUnitCode, e.OccurredAt, new ReplicatedOrgUnit
        {
            Name = e.Name,
            Level = e.Level,
            ParentCode = e.ParentCode,
            Path = e.Path,
            AdminAreaCode = e.AdminAreaCode,
            ValidFrom = e.ValidFrom,
            ValidTo = e.ValidTo,
            Names = Names(e.Names, e.ValidFrom, e.Name, e.Level),
        }, cancellationToken);

    public static Task ApplyAsync(ModuleDbContext db, OrgUnitChanged e, CancellationToken cancellationToken) =>
        UpsertAsync(db, e.OrgUnitCode, e.OccurredAt, new ReplicatedOrgUnit
        {
            Name = e.Name,
            Level = e.Level,
            ParentCode = e.ParentCode,
            Path = e.Path,
            AdminAreaCode = e.AdminAreaCode,
            ValidFrom = e.ValidFrom,
            ValidTo = e.ValidTo,
            Names = Names(e.Names, e.ValidFrom, e.Name, e.Level),
        }, cancellationToken);

    public static Task<ReplicatedOrgUnit?> FindAsync(ModuleDbContext db, string code, CancellationToken cancellationToken) =>
        db.Set<ReplicatedOrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, cancellationToken);

    /// <summary>Codes of the units at or under <paramref name="path"/> that existed at some time in [from, to].</summary>
    public static Task<List<string>> SubtreeCodesAsync(ModuleDbContext db, string path, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        return OrgPath.Within(db.Set<ReplicatedOrgUnit>().AsNoTracking(), u => u.Path, path)
            .Where(u => u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo >= from))
            .Select(u => u.Code)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Copies <paramref name="state"/> onto the stored unit unless a newer event already did.</summary>
    private static async Task UpsertAsync(ModuleDbContext db, string code, DateTimeOffset occurredAt, ReplicatedOrgUnit state, CancellationToken cancellationToken)
    {
        var unit = await db.Set<ReplicatedOrgUnit>().FindAsync([code], cancellationToken);
        if (unit is null)
        {
            unit = new ReplicatedOrgUnit { Code = code };
            db.Set<ReplicatedOrgUnit>().Add(unit);
        }
        else if (unit.UpdatedAtTicks > occurredAt.UtcTicks)
        {
            return;
        }

        (unit.Name, unit.Level, unit.ParentCode, unit.Path, unit.AdminAreaCode, unit.ValidFrom, unit.ValidTo) =
            (state.Name, state.Level, state.ParentCode, state.Path, state.AdminAreaCode, state.ValidFrom, state.ValidTo);
        unit.UpdatedAtTicks = occurredAt.UtcTicks;
        unit.Names.Clear();
        unit.Names.AddRange(state.Names);
    }

    /// <summary>The event's dated names, or its one name for the unit's whole life (events before names were dated).</summary>
    private static List<ReplicatedUnitName> Names(IReadOnlyList<UnitName>? names, DateOnly validFrom, string name, string level) =>
        names is { Count: > 0 }
            ? [.. names.Select(n => new ReplicatedUnitName { ValidFrom = n.ValidFrom, Name = n.Name, Level = n.Level })]
            : [new ReplicatedUnitName { ValidFrom = validFrom, Name = name, Level = level }];
}
