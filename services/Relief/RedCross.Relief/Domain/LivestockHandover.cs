using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Domain;

/// <summary>A household's duty to hand one calf over to the programme's next household, from the day the calf is old
/// enough (<see cref="EarliestOn"/>) to the day it is due (<see cref="DueOn"/>). Open until fulfilled by a pass-on,
/// or cancelled when the calf dies (the mother's next eligible calf is then owed).</summary>
internal sealed class HandoverObligation : IResource, IVersioned
{
    public const string Open = "open";
    public const string Fulfilled = "fulfilled";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyDictionary<string, string> States = new Dictionary<string, string> { [Open] = Open, [Fulfilled] = Fulfilled, [Cancelled] = Cancelled };

    public Guid Id { get; set; }

    public Guid ProgrammeId { get; set; }

    public Guid MotherId { get; set; }

    public Guid CalfId { get; set; }

    /// <summary>The household that owes the calf.</summary>
    public Guid BeneficiaryId { get; set; }

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public DateOnly EarliestOn { get; set; }

    public DateOnly DueOn { get; set; }

    public string State { get; set; } = Open;

    public DateOnly? FulfilledOn { get; set; }

    public Guid? RecipientBeneficiaryId { get; set; }

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);

    public void Fulfil(Guid recipient, DateOnly on)
    {
        (State, FulfilledOn, RecipientBeneficiaryId) = (Fulfilled, on, recipient);
    }

    public void Cancel()
    {
        State = Cancelled;
    }
}

/// <summary>The hand-back rule of the livestock bank, in one place: which calf is owed, and what a pass-on must meet.</summary>
internal static class LivestockHandover
{
    public const string NotHeld = "ANIMAL_NOT_HELD";
    public const string SexMismatch = "CALF_SEX_MISMATCH";
    public const string NotOwed = "NOT_THE_OWED_CALF";
    public const string TooYoung = "CALF_TOO_YOUNG";
    public const string RecipientIsHolder = "RECIPIENT_IS_HOLDER";
    public const string RecipientOutside = "RECIPIENT_OUTSIDE_PROGRAMME";
    public const string CalfOwed = "CALF_OWED";

    /// <summary>Whether <paramref name="calf"/>, just born, is owed. The rule names the handback_calf-th calf of an animal
    /// the household got from the programme, counted while the mother is with that household. Our choice when that
    /// calf has the wrong sex: the obligation moves to the mother's next calf of the required sex (the programme
    /// still gets one calf it can use from this household), so any calf numbered at or after handback_calf with the
    /// required sex is owed, unless this mother already has an open or fulfilled obligation with this household
    /// (<paramref name="motherAlreadyOwes"/>): one calf per mother and household. A calf born to the household's own
    /// animal (status calved) is never owed.</summary>
    public static bool Owes(LivestockProgramme programme, LivestockAnimal mother, LivestockAnimal calf, bool motherAlreadyOwes) =>
        mother.CameFromProgramme && !motherAlreadyOwes && calf.CalfNumber >= programme.HandbackCalf && programme.AcceptsSex(calf.Sex);

    public static HandoverObligation Oblige(LivestockProgramme programme, LivestockAnimal mother, LivestockAnimal calf) => new()
    {
        Id = Guid.CreateVersion7(),
        ProgrammeId = programme.Id,
        MotherId = mother.Id,
        CalfId = calf.Id,
        BeneficiaryId = mother.HolderBeneficiaryId,
        OrgUnitCode = mother.OrgUnitCode,
        OrgUnitPath = mother.OrgUnitPath,
        EarliestOn = calf.BirthDate.AddMonths(programme.HandoverMinAgeMonths),
        DueOn = calf.BirthDate.AddMonths(programme.HandoverMaxAgeMonths),
    };

    /// <summary>Refuses a pass-on that breaks the programme's rule, most basic reason first. A calf past the maximum
    /// age is not refused: its obligation is overdue already, and refusing would keep it from the next household
    /// for good; the dates on the obligation show the lateness.</summary>
    public static void EnsureCanPassOn(LivestockProgramme programme, LivestockAnimal calf, HandoverObligation? obligation, Beneficiary recipient, DateOnly on)
    {
        if (!calf.IsHeld)
        {
            throw new RuleViolationException(NotHeld, $"Animal {calf.Id} is {calf.Status}; it cannot be passed on.");
        }

        if (!programme.AcceptsSex(calf.Sex))
        {
            throw new RuleViolationException(SexMismatch, $"The programme hands back a {programme.RequiredSex} calf; animal {calf.Id} is {calf.Sex}.");
        }

        if (obligation is null)
        {
            throw new RuleViolationException(NotOwed, $"Animal {calf.Id} is not the calf its household owes (the rule names calf number {programme.HandbackCalf}).");
        }

        if (recipient.Id == calf.HolderBeneficiaryId)
        {
            throw new RuleViolationException(RecipientIsHolder, "The calf is passed on to another household than the one holding it.");
        }

        EnsureInProgramme(programme, recipient);
        if (on < obligation.EarliestOn)
        {
            throw new RuleViolationException(TooYoung,
                $"The calf may be handed over from {obligation.EarliestOn:yyyy-MM-dd} ({programme.HandoverMinAgeMonths} months old).");
        }
    }

    /// <summary>A programme serves the households of its unit's subtree.</summary>
    public static void EnsureInProgramme(LivestockProgramme programme, Beneficiary recipient)
    {
        if (!OrgPath.IsWithin(recipient.OrgUnitPath, programme.OrgUnitPath))
        {
            throw new RuleViolationException(RecipientOutside, $"Beneficiary {recipient.Id} lives outside the programme's unit {programme.OrgUnitCode}.");
        }
    }
}
