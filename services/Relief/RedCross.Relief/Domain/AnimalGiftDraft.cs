using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>An animal the programme gives, as the caller sent it, checked field by field (every violation collected):
/// to whom, its tag and sex, the day it was given (not in the future), its birth date or age, its value.</summary>
internal sealed record AnimalGiftDraft(
    Guid ProgrammeId, Guid RecipientId, string Tag, string Sex, DateOnly GivenOn, (DateOnly Date, bool Estimated) Birth, long ValueVnd)
{
    /// <summary>An animal given by age is at most this many months old (a cow lives about 20 years).</summary>
    public const int MaxAgeMonths = 360;

    public static AnimalGiftDraft? Check(Input input, string programmeId, string recipientId, string tag, string sex, string givenOn,
        string birthDate, int ageMonths, long valueVnd)
    {
        var programme = input.Id("programme_id", programmeId);
        var recipient = input.Id("recipient_beneficiary_id", recipientId);
        var t = input.Text("tag", tag, 40);
        var s = input.OneOf("sex", sex, LivestockSexes.OfAnimal);
        var given = input.NotFuture("given_on", input.Date("given_on", givenOn));
        var birth = BirthDate(input, birthDate, ageMonths, given);
        var value = input.Range("value_vnd", valueVnd, 0, Money.MaxVnd);
        return input.IsValid ? new AnimalGiftDraft(programme!.Value, recipient!.Value, t!, s!, given!.Value, birth!.Value, value) : null;
    }

    /// <summary>The animal given to <paramref name="recipient"/>, a household the programme serves
    /// (<see cref="LivestockHandover.EnsureInProgramme"/>).</summary>
    public LivestockAnimal ToAnimal(LivestockProgramme programme, Beneficiary recipient) => new()
    {
        Id = Guid.CreateVersion7(),
        ProgrammeId = programme.Id,
        Tag = Tag,
        Species = programme.Species,
        Sex = Sex,
        BirthDate = Birth.Date,
        BirthDateEstimated = Birth.Estimated,
        HolderBeneficiaryId = recipient.Id,
        OrgUnitCode = recipient.OrgUnitCode,
        OrgUnitPath = recipient.OrgUnitPath,
        HeldSince = GivenOn,
        Status = LivestockStatuses.Given,
        ValueVnd = ValueVnd,
    };

    /// <summary>The birth date as given, or estimated from the age in months on the day it was given: exactly one of them.</summary>
    private static (DateOnly Date, bool Estimated)? BirthDate(Input input, string birthDate, int ageMonths, DateOnly? givenOn)
    {
        var hasDate = !string.IsNullOrWhiteSpace(birthDate);
        if (hasDate == (ageMonths != 0))
        {
            input.Fail("birth_date", "give either birth_date or age_months");
            return null;
        }

        if (!hasDate)
        {
            input.Range("age_months", ageMonths, 1, MaxAgeMonths);
            return givenOn is { } g && ageMonths is > 0 and <= MaxAgeMonths ? (g.AddMonths(-ageMonths), true) : null;
        }

        var date = input.NotFuture("birth_date", input.Date("birth_date", birthDate));
        if (date is { } d && givenOn is { } on && d > on)
        {
            input.Fail("birth_date", "must not be after given_on");
            return null;
        }

        return date is { } born ? (born, false) : null;
    }
}
