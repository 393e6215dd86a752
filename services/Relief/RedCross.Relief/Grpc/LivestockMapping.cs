using RedCross.Relief.Domain;
using Proto = RedCross.Contracts.Relief.V1;

namespace RedCross.Relief.Grpc;

/// <summary>Livestock bank domain → contract mapping (kept out of <see cref="Mapping"/>, which the other records share).</summary>
internal static class LivestockMapping
{
    public static Proto.LivestockProgramme ToProto(this LivestockProgramme p) => new()
    {
        Id = p.Id.ToString(),
        OrgUnit = p.OrgUnitCode,
        Name = p.Name,
        Species = p.Species,
        HandbackCalf = p.HandbackCalf,
        RequiredSex = p.RequiredSex,
        HandoverMinAgeMonths = p.HandoverMinAgeMonths,
        HandoverMaxAgeMonths = p.HandoverMaxAgeMonths,
        Etag = p.ETag,
    };

    public static Proto.Animal ToProto(this LivestockAnimal a) => new()
    {
        Id = a.Id.ToString(),
        ProgrammeId = a.ProgrammeId.ToString(),
        Tag = a.Tag,
        Species = a.Species,
        Sex = a.Sex,
        BirthDate = a.BirthDate.Iso(),
        BirthDateEstimated = a.BirthDateEstimated,
        MotherId = a.MotherId?.ToString() ?? string.Empty,
        HolderBeneficiaryId = a.HolderBeneficiaryId.ToString(),
        OrgUnit = a.OrgUnitCode,
        HeldSince = a.HeldSince.Iso(),
        Status = a.Status,
        OutcomeOn = a.OutcomeOn?.Iso() ?? string.Empty,
        ValueVnd = a.ValueVnd,
        CalfNumber = a.CalfNumber,
        Etag = a.ETag,
    };

    public static Proto.HandoverObligation ToProto(this HandoverObligation o) => new()
    {
        Id = o.Id.ToString(),
        ProgrammeId = o.ProgrammeId.ToString(),
        MotherId = o.MotherId.ToString(),
        CalfId = o.CalfId.ToString(),
        BeneficiaryId = o.BeneficiaryId.ToString(),
        OrgUnit = o.OrgUnitCode,
        EarliestOn = o.EarliestOn.Iso(),
        DueOn = o.DueOn.Iso(),
        State = o.State,
        FulfilledOn = o.FulfilledOn?.Iso() ?? string.Empty,
        RecipientBeneficiaryId = o.RecipientBeneficiaryId?.ToString() ?? string.Empty,
        Etag = o.ETag,
    };
}
