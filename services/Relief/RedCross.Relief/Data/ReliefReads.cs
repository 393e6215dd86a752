using Microsoft.EntityFrameworkCore;
using RedCross.OrgReplica;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Relief.Data;

/// <summary>The reads the handlers share: the lookups that name a record as the API does, and the queries a rule
/// depends on (run inside the write that the rule guards).</summary>
internal static class ReliefReads
{
    public static Task<Beneficiary> BeneficiaryAsync(this ReliefDb db, Guid id, string field, Caller caller, CancellationToken ct) =>
        db.Beneficiaries.AsNoTracking().RequireAsync(id, field, caller, ct);

    /// <summary>A sponsor the caller may use: one of its subtree or of a unit above.</summary>
    public static Task<Sponsor> SponsorAsync(this ReliefDb db, Guid id, string field, Caller caller, CancellationToken ct) =>
        db.Sponsors.AsNoTracking().RequireServingAsync(id, field, caller, ct);

    /// <summary>A programme the caller may use: one of its subtree or of a unit above.</summary>
    public static Task<LivestockProgramme> ProgrammeAsync(this ReliefDb db, Guid id, string field, Caller caller, CancellationToken ct) =>
        db.LivestockProgrammes.AsNoTracking().RequireServingAsync(id, field, caller, ct);

    /// <summary>An animal held (or last held) in the caller's subtree; tracked from <paramref name="animals"/> to change it.</summary>
    public static Task<LivestockAnimal> AnimalAsync(this IQueryable<LivestockAnimal> animals, Guid id, string field, Caller caller, CancellationToken ct) =>
        animals.RequireAsync(id, field, caller, ct, resource: "Animal");

    /// <summary>The records a new beneficiary would be the same person as (<see cref="BeneficiaryMatch"/>): the one with its
    /// national ID, and one with its name, birth date and commune.</summary>
    public static async Task<(Beneficiary? ByNationalId, Beneficiary? ByName)> SamePersonAsync(this ReliefDb db, Beneficiary b, CancellationToken ct)
    {
        var rows = db.Beneficiaries.AsNoTracking();
        var byNationalId = b.NationalId is null ? null : await rows.FirstOrDefaultAsync(x => x.NationalId == b.NationalId, ct);
        var byName = await rows.FirstOrDefaultAsync(x => x.SearchName == b.SearchName && x.BirthDate == b.BirthDate && x.CommunePath == b.CommunePath, ct);
        return (byNationalId, byName);
    }

    /// <summary>The same for an update of <paramref name="b"/> to <paramref name="draft"/>, asked only of what changed: a
    /// new national ID against every other record; a new name, birth date or commune against the others with that name,
    /// birth date and commune.</summary>
    public static async Task<(Beneficiary? ByNationalId, Beneficiary? ByName)> SamePersonAsUpdatedAsync(this ReliefDb db, Beneficiary b,
        BeneficiaryDraft draft, string unitPath, CancellationToken ct)
    {
        var (searchName, commune) = (SearchText.Key(draft.FullName), BeneficiaryMatch.CommunePath(unitPath));
        var others = db.Beneficiaries.AsNoTracking().Where(x => x.Id != b.Id);
        var byNationalId = draft.NationalId is not null && draft.NationalId != b.NationalId
            ? await others.FirstOrDefaultAsync(x => x.NationalId == draft.NationalId, ct) : null;
        var byName = searchName != b.SearchName || draft.BirthDate != b.BirthDate || commune != b.CommunePath
            ? await others.FirstOrDefaultAsync(x => x.SearchName == searchName && x.BirthDate == draft.BirthDate && x.CommunePath == commune, ct) : null;
        return (byNationalId, byName);
    }

    /// <summary>A beneficiary has one open humanitarian address at a time.</summary>
    public static async Task EnsureNoOpenAddressAsync(this ReliefDb db, Guid beneficiaryId, string field, CancellationToken ct)
    {
        if (await db.HumanitarianAddresses.AsNoTracking().FirstOrDefaultAsync(x => x.BeneficiaryId == beneficiaryId && x.Status == HumanitarianAddress.Open, ct) is { } open)
        {
            throw new ResourceConflictException(field, $"Humanitarian address {open.Id} is open for this beneficiary already.");
        }
    }

    /// <summary>A tag names one animal of a programme.</summary>
    public static async Task EnsureTagFreeAsync(this ReliefDb db, Guid programmeId, string tag, string field, CancellationToken ct)
    {
        if (await db.LivestockAnimals.AnyAsync(x => x.ProgrammeId == programmeId && x.Tag == tag, ct))
        {
            throw new ResourceConflictException(field, $"The programme has an animal tagged '{tag}' already.");
        }
    }

    /// <summary>The calves <paramref name="mother"/> bore while with its current holder, as the birth rules need them:
    /// whether one born after <paramref name="bornOn"/> is recorded (<see cref="LivestockAnimal.EnsureCanCalve"/>), and
    /// the number the next one takes.</summary>
    public static async Task<(bool LaterRecorded, int NextNumber)> CalvesAsync(this ReliefDb db, LivestockAnimal mother, DateOnly bornOn, CancellationToken ct)
    {
        var siblings = db.LivestockAnimals.Where(x => x.MotherId == mother.Id && x.BornWithBeneficiaryId == mother.HolderBeneficiaryId);
        return (await siblings.AnyAsync(x => x.BirthDate > bornOn, ct), await siblings.CountAsync(ct) + 1);
    }

    /// <summary>A birth recorded before (a replayed request_id): the calf and the obligation it started, if any.</summary>
    public static async Task<(LivestockAnimal Calf, HandoverObligation? Obligation)> BirthAsync(this ReliefDb db, Guid calfId, CancellationToken ct) =>
        (await db.LivestockAnimals.AsNoTracking().FirstAsync(x => x.Id == calfId, ct),
         await db.HandoverObligations.AsNoTracking().FirstOrDefaultAsync(x => x.CalfId == calfId, ct));

    /// <summary>The open obligation to hand over <paramref name="calfId"/>, tracked, if any.</summary>
    public static Task<HandoverObligation?> OpenObligationAsync(this ReliefDb db, Guid calfId, CancellationToken ct) =>
        db.HandoverObligations.FirstOrDefaultAsync(x => x.CalfId == calfId && x.State == HandoverObligation.Open, ct);

    /// <summary>What the standing (not reversed) distributions from a donation add up to.</summary>
    public static Task<long> DistributedAsync(this ReliefDb db, Guid donationId, CancellationToken ct) =>
        db.Distributions.Where(x => x.DonationId == donationId && x.ReversedAt == null).SumAsync(x => x.ValueVnd, ct);

    /// <summary>The same for a page of donations, in one query.</summary>
    public static Task<Dictionary<Guid, long>> DistributedAsync(this ReliefDb db, IEnumerable<Guid> donationIds, CancellationToken ct)
    {
        var ids = donationIds.Select(x => (Guid?)x).ToList();
        return db.Distributions.Where(x => ids.Contains(x.DonationId) && x.ReversedAt == null)
            .GroupBy(x => x.DonationId).Select(g => new { g.Key, Sum = g.Sum(x => x.ValueVnd) }).ToDictionaryAsync(x => x.Key!.Value, x => x.Sum, ct);
    }
}
