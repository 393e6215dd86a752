using RedCross.Contracts.Events.Relief;

namespace RedCross.Relief.Domain;

/// <summary>The integration events relief publishes, built from its entities in one place (ids, units, dates,
/// categories and amounts, a recipient's sex and age band; no names, birth dates, national IDs, phones or addresses).</summary>
internal static class IntegrationEvents
{
    public static BeneficiaryRegistered Registered(Beneficiary b, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, b.OrgUnitCode, b.Id, b.Kind, b.CategoryList, b.HouseholdSize, b.RegisteredOn);

    public static BeneficiaryUpdated Updated(Beneficiary b, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, b.OrgUnitCode, b.Id, b.Kind, b.CategoryList, b.HouseholdSize, b.Status);

    /// <summary>The id alone (and the unit every event carries): whoever holds a copy of the person erases it.</summary>
    public static BeneficiaryAnonymised Anonymised(Beneficiary b, DateTimeOffset now) => new(Guid.CreateVersion7(), now, b.OrgUnitCode, b.Id);

    public static DonationReceived Received(Donation d, Sponsor s, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, d.OrgUnitCode, d.Id, s.Id, s.Kind, d.Kind, d.ValueVnd, d.ReceivedOn, d.Programme, d.CampaignRef);

    public static DistributionRecorded Recorded(Distribution d, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, d.OrgUnitCode, d.Id, d.BeneficiaryId, d.Kind, d.ValueVnd, d.SourceKind, d.DonationId,
        d.SponsorId, d.CampaignRef, d.HandedOverOn, d.RecipientSex, d.RecipientAgeBand);

    public static DistributionReversed Reversed(Distribution d, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, d.OrgUnitCode, d.Id, d.BeneficiaryId, d.Kind, d.ValueVnd, d.SourceKind, d.DonationId,
        d.SponsorId, d.CampaignRef, d.HandedOverOn, d.RecipientSex, d.RecipientAgeBand);

    public static LivestockGiven Given(LivestockAnimal a, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, a.OrgUnitCode, a.Id, a.ProgrammeId, a.HolderBeneficiaryId, a.Species, a.Sex, a.ValueVnd, a.HeldSince);

    public static CalfBorn Born(LivestockAnimal calf, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, calf.OrgUnitCode, calf.Id, calf.MotherId!.Value, calf.ProgrammeId, calf.Species, calf.Sex, calf.CalfNumber, calf.BirthDate);

    public static HandoverObligationCreated Obliged(HandoverObligation o, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, o.OrgUnitCode, o.Id, o.ProgrammeId, o.CalfId, o.BeneficiaryId, o.EarliestOn, o.DueOn);

    /// <summary>Built after <see cref="LivestockAnimal.PassTo"/>: the calf's unit is the receiving household's.</summary>
    public static LivestockPassedOn PassedOn(LivestockAnimal calf, HandoverObligation o, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, calf.OrgUnitCode, calf.Id, o.Id, calf.ProgrammeId, o.BeneficiaryId, o.OrgUnitCode,
        calf.HolderBeneficiaryId, calf.Species, calf.HeldSince);

    public static LivestockOutcomeRecorded Outcome(LivestockAnimal a, HandoverObligation? cancelled, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, a.OrgUnitCode, a.Id, a.ProgrammeId, a.Species, a.Status, a.OutcomeOn!.Value, cancelled?.Id);
    public static AddressOpened Opened(HumanitarianAddress a, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, a.OrgUnitCode, a.Id, a.OpenedOn, a.FirstDueOn);

    public static AddressReviewed Reviewed(HumanitarianAddress a, AddressReview r, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, a.OrgUnitCode, a.Id, r.ReviewedOn, r.Outcome, r.NextDueOn);

    public static AddressClosed Closed(HumanitarianAddress a, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, a.OrgUnitCode, a.Id, a.ClosedOn!.Value, a.CloseReason!);

    public static AddressAssisted Assisted(HumanitarianAddress a, AddressAssistance e, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, a.OrgUnitCode, a.Id, e.OnDate, e.Kind, e.ValueVnd);

    /// <summary>An individual sponsor's name is personal data and stays in relief: the event carries it only for organisations.</summary>
    public static SponsorRegistered Registered(Sponsor s, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, s.OrgUnitCode, s.Id, s.Kind, s.Kind == "organisation" ? s.DisplayName : string.Empty);
}
