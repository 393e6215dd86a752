using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>An animal of a livestock bank: given by the programme, or born to one of its animals (lineage by
/// <see cref="MotherId"/>). It counts in its holder's home unit.</summary>
internal sealed class LivestockAnimal : IResource, IVersioned
{
    /// <summary>Rule reason: only a female animal has calves.</summary>
    public const string MotherNotFemale = "MOTHER_NOT_FEMALE";

    /// <summary>Rule reason: a birth is recorded on or after the day the household got the mother.</summary>
    public const string BirthBeforeHolding = "BIRTH_BEFORE_HOLDING";

    /// <summary>Rule reason: births are recorded in the order they happened.</summary>
    public const string BirthOutOfOrder = "BIRTH_OUT_OF_ORDER";

    /// <summary>Rule reason: an animal is sold or dies on or after the day its holder got it.</summary>
    public const string OutcomeBeforeHolding = "OUTCOME_BEFORE_HOLDING";

    public Guid Id { get; set; }

    public Guid ProgrammeId { get; set; }

    public string Tag { get; set; } = string.Empty;

    public string Species { get; set; } = LivestockSpecies.Cow;

    public string Sex { get; set; } = LivestockSexes.Female;

    public DateOnly BirthDate { get; set; }

    public bool BirthDateEstimated { get; set; }

    public Guid? MotherId { get; set; }

    /// <summary>The household that held the mother when this calf was born: calves are numbered per mother and
    /// household, and the holder changes when a calf is passed on.</summary>
    public Guid? BornWithBeneficiaryId { get; set; }

    /// <summary>Which calf of its mother this is, counted while the mother was with the same household; 0 when given.</summary>
    public int CalfNumber { get; set; }

    /// <summary>The household (beneficiary) holding it, or that held it last.</summary>
    public Guid HolderBeneficiaryId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly HeldSince { get; set; }

    public string Status { get; set; } = LivestockStatuses.Given;

    public DateOnly? OutcomeOn { get; set; }

    public long ValueVnd { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public bool IsHeld => LivestockStatuses.Held.Contains(Status);

    /// <summary>The holder got it from the programme (given, or handed over to it as someone's owed calf), so its
    /// calves may be owed; a calf born to the household is the household's own.</summary>
    public bool CameFromProgramme => Status is LivestockStatuses.Given or LivestockStatuses.HandedOver;

    /// <summary>This mother's calf, the <paramref name="calfNumber"/>-th born with its household, held by that household.</summary>
    public LivestockAnimal Calve(string tag, string sex, DateOnly bornOn, int calfNumber) => new()
    {
        Id = Guid.CreateVersion7(),
        ProgrammeId = ProgrammeId,
        Tag = tag,
        Species = Species,
        Sex = sex,
        BirthDate = bornOn,
        MotherId = Id,
        BornWithBeneficiaryId = HolderBeneficiaryId,
        CalfNumber = calfNumber,
        HolderBeneficiaryId = HolderBeneficiaryId,
        OrgUnitCode = OrgUnitCode,
        OrgUnitPath = OrgUnitPath,
        HeldSince = bornOn,
        Status = LivestockStatuses.Calved,
    };

    public void PassTo(Beneficiary recipient, DateOnly on)
    {
        (HolderBeneficiaryId, OrgUnitCode, OrgUnitPath, HeldSince, Status) = (recipient.Id, recipient.OrgUnitCode, recipient.OrgUnitPath, on, LivestockStatuses.HandedOver);
    }

    /// <summary>A calf is born to a female animal its household holds, after the household got it, and after the calves
    /// already recorded with that household (<paramref name="laterCalfRecorded"/>: calf numbers follow birth order).</summary>
    public void EnsureCanCalve(DateOnly bornOn, bool laterCalfRecorded)
    {
        if (!IsHeld)
        {
            throw new RuleViolationException(LivestockHandover.NotHeld, $"Animal {Id} is {Status}; no birth can be recorded to it.");
        }

        if (Sex != LivestockSexes.Female)
        {
            throw new RuleViolationException(MotherNotFemale, $"Animal {Id} is {Sex}.");
        }

        if (bornOn < HeldSince)
        {
            throw new RuleViolationException(BirthBeforeHolding, $"The household holds animal {Id} since {HeldSince:yyyy-MM-dd}.");
        }

        if (laterCalfRecorded)
        {
            throw new RuleViolationException(BirthOutOfOrder, "A later calf of this mother is recorded already; record births in the order they happened.");
        }
    }

    /// <summary>The animal leaves the programme (sold or died) on a day it was held. A calf still owed
    /// (<paramref name="owed"/>) is the programme's: it cannot be sold; if it dies, the obligation is cancelled and the
    /// mother's next calf of the required sex is owed instead (see <see cref="LivestockHandover.Owes"/>).</summary>
    public void End(string outcome, DateOnly on, HandoverObligation? owed)
    {
        if (!IsHeld)
        {
            throw new RuleViolationException(LivestockHandover.NotHeld, $"Animal {Id} is {Status} already.");
        }

        if (on < HeldSince)
        {
            throw new RuleViolationException(OutcomeBeforeHolding, $"Animal {Id} is held since {HeldSince:yyyy-MM-dd}.");
        }

        if (owed is not null && outcome == LivestockStatuses.Sold)
        {
            throw new RuleViolationException(LivestockHandover.CalfOwed, $"Calf {Id} is owed to the programme (obligation {owed.Id}); it cannot be sold.");
        }

        owed?.Cancel();
        (Status, OutcomeOn) = (outcome, on);
    }
}

/// <summary>How the animal came to its holder (given, calved, handed_over), or how it left the programme (sold, died).</summary>
internal static class LivestockStatuses
{
    public const string Given = "given";
    public const string Calved = "calved";
    public const string HandedOver = "handed_over";
    public const string Sold = "sold";
    public const string Died = "died";

    public static readonly IReadOnlySet<string> Held = new HashSet<string>(StringComparer.Ordinal) { Given, Calved, HandedOver };

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string> { [Sold] = Sold, [Died] = Died };
}
