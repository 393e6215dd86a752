using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Projections;

/// <summary>Membership's events: the org tree (replica), members' status timeline, and flows into cells.</summary>
internal sealed class MembershipProjection : SourceProjection
{
    public MembershipProjection()
    {
        On<OrgUnitCreated>((e, w, ct) => OrgReplica.OrgReplica.ApplyAsync(w.Db, e, ct));
        On<OrgUnitChanged>((e, w, ct) => OrgReplica.OrgReplica.ApplyAsync(w.Db, e, ct));
        On<MemberRegistered>((e, w) =>
        {
            // The profile first, so the member's first point is already counted by sex, age band and volunteering.
            w.Profile(e.MemberId, MemberProfile.Of(e.Sex, e.BirthDate, e.Volunteer), e.OccurredAt);
            w.Point(e.EventId, e.MemberId, e.JoinedDate, e.OccurredAt, "active", e.OrgUnitCode);
            // Counted by the sex and age band on the day the member joined; the birth date goes no further.
            var band = PersonBands.AgeBandAt(e.BirthDate, e.JoinedDate);
            w.Add(e.OrgUnitCode, e.JoinedDate, Indicators.MembersNew, 1);
            w.Person(e.OrgUnitCode, e.JoinedDate, Indicators.MembersNew, e.Sex, band, 1);
            if (e.Volunteer)
            {
                w.Add(e.OrgUnitCode, e.JoinedDate, Indicators.VolunteersNew, 1);
                w.Person(e.OrgUnitCode, e.JoinedDate, Indicators.VolunteersNew, e.Sex, band, 1);
            }
        });
        On<MemberStatusChanged>((e, w) => w.Point(e.EventId, e.MemberId, e.EffectiveDate, e.OccurredAt, e.ToStatus, e.OrgUnitCode));

        // The timeline is keyed by unit: from the transfer's date the member's latest point names the new unit, so
        // the old unit counts the member before it, the new one from it, and every ancestor exactly once.
        On<MemberTransferred>((e, w) => w.Point(e.EventId, e.MemberId, e.EffectiveDate, e.OccurredAt, e.Status, e.OrgUnitCode));
        On<DuesPaid>((e, w) => w.Add(e.OrgUnitCode, e.PaidOn, Indicators.DuesCollected, e.AmountVnd));
        On<TrainingHeld>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.StartDate, Indicators.TrainingsHeld, 1);
            w.Add(e.OrgUnitCode, e.StartDate, Indicators.TrainingParticipants, e.ParticipantCount);
        });
        On<WelfareContributionReceived>((e, w) => w.Add(e.OrgUnitCode, e.ReceivedOn, Indicators.WelfareContributions, e.AmountVnd));
        On<WelfareVisitMade>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.VisitedOn, Indicators.WelfareVisits, 1);
            w.Add(e.OrgUnitCode, e.VisitedOn, Indicators.WelfareValue, e.AmountVnd);
        });
        On<GrowthTargetSet>((e, w) => w.Target(e.OrgUnitCode, e.Year, e.NewMembers, e.OccurredAt));

        // A void repeats the original's unit, date and figures: the same cells, negated, so the pair sums to zero
        // in whichever order the two arrive.
        On<DuesPaymentVoided>((e, w) => w.Add(e.OrgUnitCode, e.PaidOn, Indicators.DuesCollected, -e.AmountVnd));
        On<TrainingVoided>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.StartDate, Indicators.TrainingsHeld, -1);
            w.Add(e.OrgUnitCode, e.StartDate, Indicators.TrainingParticipants, -e.ParticipantCount);
        });
        On<WelfareContributionVoided>((e, w) => w.Add(e.OrgUnitCode, e.ReceivedOn, Indicators.WelfareContributions, -e.AmountVnd));
        On<WelfareVisitVoided>((e, w) =>
        {
            w.Add(e.OrgUnitCode, e.VisitedOn, Indicators.WelfareVisits, -1);
            w.Add(e.OrgUnitCode, e.VisitedOn, Indicators.WelfareValue, -e.AmountVnd);
        });
        On<MemberDetailsChanged>((e, w) => w.Profile(e.MemberId, MemberProfile.Of(e.Sex, e.BirthDate, e.Volunteer), e.OccurredAt));
    }

    public override string Name => "membership";

    public override EventSource Source => EventSource.Grpc<MembershipEventLog.MembershipEventLogClient>(Name, EventTypes,
        (client, request, options) => client.StreamEvents(request, options),
        (client, request, options) => client.DescribeEventLogAsync(request, options));

    public override async Task ClearAsync(ReportingDb db, CancellationToken cancellationToken)
    {
        await db.Cells.Where(c => c.Code.StartsWith("membership.")).ExecuteDeleteAsync(cancellationToken);
        await db.Timeline.ExecuteDeleteAsync(cancellationToken);
        await db.Set<MemberProfileRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<StockDelta>().Where(d => d.Code.StartsWith("membership.")).ExecuteDeleteAsync(cancellationToken);
        await db.GrowthTargets.ExecuteDeleteAsync(cancellationToken);
        await db.Set<ReplicatedOrgUnit>().ExecuteDeleteAsync(cancellationToken);
    }
}
