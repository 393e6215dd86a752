using Google.Protobuf.WellKnownTypes;
using RedCross.Membership.Domain;
using Proto = RedCross.Contracts.Membership.V1;

namespace RedCross.Membership.Grpc;

/// <summary>Activity records (dues, exemptions, trainings, welfare) as the contract shows them.</summary>
internal static class ActivityMapping
{
    public static Proto.DuesPayment ToProto(this Domain.DuesPayment p) => new()
    {
        Id = p.Id.ToString(),
        MemberId = p.MemberId.ToString(),
        OrgUnit = p.OrgUnitCode,
        Year = p.Year,
        Months = p.Months,
        AmountVnd = p.AmountVnd,
        BranchShareVnd = p.BranchShareVnd,
        CommuneShareVnd = p.CommuneShareVnd,
        UpperShareVnd = p.UpperShareVnd,
        PaidOn = p.PaidOn.Iso(),
        Voiding = p.Voiding(),
    };

    public static Proto.DuesExemption ToProto(this Domain.DuesExemption e) => new()
    {
        Id = e.Id.ToString(),
        MemberId = e.MemberId.ToString(),
        Year = e.Year,
        Reason = e.Reason,
        Commune = e.OrgUnitCode,
        Voiding = e.Voiding(),
    };

    public static Proto.Training ToProto(this Domain.Training t) => new()
    {
        Id = t.Id.ToString(),
        OrgUnit = t.OrgUnitCode,
        Topic = t.Topic,
        StartDate = t.StartDate.Iso(),
        EndDate = t.EndDate.Iso(),
        ParticipantCount = t.ParticipantCount,
        Voiding = t.Voiding(),
    };

    public static Proto.WelfareContribution ToProto(this Domain.WelfareContribution c) => new()
    {
        Id = c.Id.ToString(),
        OrgUnit = c.OrgUnitCode,
        Contributor = c.Contributor,
        AmountVnd = c.AmountVnd,
        ReceivedOn = c.ReceivedOn.Iso(),
        Voiding = c.Voiding(),
    };

    public static Proto.WelfareVisit ToProto(this Domain.WelfareVisit v) => new()
    {
        Id = v.Id.ToString(),
        MemberId = v.MemberId.ToString(),
        OrgUnit = v.OrgUnitCode,
        Reason = v.Reason,
        AmountVnd = v.AmountVnd,
        VisitedOn = v.VisitedOn.Iso(),
        Voiding = v.Voiding(),
    };

    /// <summary>Null while the fact counts, so the field is absent from the message.</summary>
    private static Proto.Voiding? Voiding(this RecordedFact fact) => fact.VoidedAt is { } at
        ? new Proto.Voiding { VoidedAt = Timestamp.FromDateTimeOffset(at), VoidedBy = fact.VoidedBy ?? string.Empty, Reason = fact.VoidReason ?? string.Empty }
        : null;
}
