using System.Globalization;
using RedCross.Campaign.Domain;
using RedCross.ServiceDefaults.Security;
using Proto = RedCross.Contracts.Campaign.V1;

namespace RedCross.Campaign.Grpc;

/// <summary>Domain ↔ contract mapping, in one place; donor health data is masked here for every caller the permission
/// table does not let read personal data (partners, viewers).</summary>
internal static class Mapping
{
    public const string Masked = "***";

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(this DateOnly? date) => date is { } d ? d.Iso() : string.Empty;

    public static double Kg(int tenths) => tenths / 10.0;

    public static Proto.CampaignFigures ToProto(this Figures f) => new()
    {
        PeopleServed = f.PeopleServed,
        Examinations = f.Examinations,
        Consultations = f.Consultations,
        CommunicationSessions = f.CommunicationSessions,
        FundsRaisedVnd = f.FundsRaisedVnd,
        BloodDonations = f.BloodDonations,
    };

    /// <summary>A row of relief's list as the programme keeps it, at its place in relief's stream.</summary>
    public static CampaignBeneficiary ToRow(this Contracts.Relief.V1.BeneficiaryListEntry e, Guid campaignId, int position) => new()
    {
        CampaignId = campaignId,
        Position = position,
        BeneficiaryId = Guid.Parse(e.Id),
        Kind = e.Kind,
        FullName = e.FullName,
        HouseholdSize = e.HouseholdSize,
        Categories = string.Join(',', e.Categories),
        OrgUnitCode = e.OrgUnit,
    };

    /// <summary>A list row as answered; without `read personal data` through <see cref="ProgrammeListPrivacy"/>.</summary>
    public static Proto.CampaignBeneficiary ToProto(this CampaignBeneficiary b, bool personal) => new()
    {
        BeneficiaryId = b.BeneficiaryId.ToString(),
        Kind = b.Kind,
        FullName = ProgrammeListPrivacy.Name(b.FullName, personal),
        HouseholdSize = b.HouseholdSize,
        Categories = { ProgrammeListPrivacy.Categories(b.Categories.Split(',', StringSplitOptions.RemoveEmptyEntries), personal) },
        OrgUnit = b.OrgUnitCode,
    };

    public static Proto.Campaign ToProto(this Domain.Campaign c) => new()
    {
        Id = c.Id.ToString(),
        Type = c.Type,
        Name = c.Name,
        OrgUnit = c.OrgUnitCode,
        StartDate = c.StartDate.Iso(),
        EndDate = c.EndDate.Iso(),
        Status = c.Status,
        Partners = { c.Partners.Select(p => new Proto.CampaignPartner { Name = p.Name, Kind = p.Kind, Role = p.Role, ClientId = p.ClientId ?? string.Empty }) },
        Targets = c.Targets.ToProto(),
        Totals = c.Totals.ToProto(),
        OpenedOn = c.OpenedOn.Iso(),
        ClosedOn = c.ClosedOn.Iso(),
        Etag = c.ETag,
    };

    public static Proto.CampaignResult ToProto(this CampaignResult r) => new()
    {
        Id = r.Id.ToString(),
        CampaignId = r.CampaignId.ToString(),
        RecordedOn = r.RecordedOn.Iso(),
        Figures = r.Figures.ToProto(),
        Note = r.Note ?? string.Empty,
        CorrectsResultId = r.CorrectsResultId?.ToString() ?? string.Empty,
        CorrectedByResultId = r.CorrectedByResultId?.ToString() ?? string.Empty,
        CorrectionReason = r.CorrectionReason ?? string.Empty,
        RecordedBy = r.RecordedBy,
    };

    /// <summary>Every path that returns a donor comes through here: weight, blood group, phone and the eligibility date
    /// (which tells of deferrals) are masked for callers who may not read personal data.</summary>
    public static Proto.BloodDonor ToProto(this BloodDonor d, Caller caller)
    {
        var personal = caller.Can(Permission.ReadPersonalData);
        return new Proto.BloodDonor
        {
            Id = d.Id.ToString(),
            FullName = d.FullName,
            BirthDate = d.BirthDate.Iso(),
            Sex = d.Sex,
            WeightKg = personal ? Kg(d.WeightTenthsKg) : 0,
            BloodGroup = personal ? d.BloodGroup ?? string.Empty : Masked,
            OrgUnit = d.OrgUnitCode,
            Phone = personal ? d.Phone ?? string.Empty : MaskPhone(d.Phone),
            DonationCount = d.DonationCount,
            LastDonatedOn = d.LastDonatedOn.Iso(),
            NextEligibleOn = personal ? d.EligibleSince.Iso() : string.Empty,
            Etag = d.ETag,
            Anonymised = d.AnonymisedAt is not null,
        };
    }

    /// <summary>A row of the recall list, for callers who may read personal data only (the rpc refuses the others).</summary>
    public static Proto.RecallDonor ToRecall(this BloodDonor x) => new()
    {
        DonorId = x.Id.ToString(),
        FullName = x.FullName,
        OrgUnit = x.OrgUnitCode,
        Phone = x.Phone ?? string.Empty,
        LastDonatedOn = x.LastDonatedOn.Iso(),
        EligibleSince = x.EligibleSince.Iso(),
        DonationCount = x.DonationCount,
    };

    public static Proto.BloodDonation ToProto(this BloodDonation d, Caller caller) => new()
    {
        Id = d.Id.ToString(),
        DonorId = d.DonorId.ToString(),
        SessionId = d.SessionId?.ToString() ?? string.Empty,
        Component = d.Component,
        VolumeMl = d.VolumeMl,
        DonatedOn = d.DonatedOn.Iso(),
        WeightKg = caller.Can(Permission.ReadPersonalData) ? Kg(d.WeightTenthsKg) : 0,
        CumulativeCount = d.CumulativeCount,
        OrgUnit = d.OrgUnitCode,
        CampaignId = d.CampaignId?.ToString() ?? string.Empty,
    };

    public static Proto.BloodDeferral ToProto(this BloodDeferral d, Caller caller) => new()
    {
        Id = d.Id.ToString(),
        DonorId = d.DonorId.ToString(),
        DeferredOn = d.DeferredOn.Iso(),
        Until = d.Until.Iso(),
        Reason = caller.Can(Permission.ReadPersonalData) ? d.Reason : Masked,
    };

    public static Proto.BloodSession ToProto(this BloodSession s) => new()
    {
        Id = s.Id.ToString(),
        CampaignId = s.CampaignId.ToString(),
        OrgUnit = s.OrgUnitCode,
        HeldOn = s.HeldOn.Iso(),
        Place = s.Place,
        DonationCount = s.DonationCount,
    };

    /// <summary>The last three digits only, as membership and relief mask phones.</summary>
    public static string MaskPhone(string? phone) => phone switch
    {
        null or "" => string.Empty,
        { Length: <= 6 } => new string('*', phone.Length),
        _ => new string('*', phone.Length - 3) + phone[^3..],
    };
}
