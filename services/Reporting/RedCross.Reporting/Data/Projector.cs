using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Membership;
using RedCross.OrgReplica;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Data;

/// <summary>Turns one event into projection rows. Live consumers and rebuilds both go through here, so
/// a rebuilt projection is the live one by construction. Writes are added to the context, not saved.</summary>
internal static class Projector
{
    public static async Task ApplyAsync(ReportingDb db, IIntegrationEvent evt, CancellationToken ct)
    {
        switch (evt)
        {
            case OrgUnitCreated e: await OrgReplica.OrgReplica.ApplyAsync(db, e, ct); break;
            case OrgUnitChanged e: await OrgReplica.OrgReplica.ApplyAsync(db, e, ct); break;
            case MemberRegistered e:
                AddPoint(db, e.EventId, e.MemberId, e.JoinedDate, e.OccurredAt, "active", e.OrgUnitCode);
                await AddAsync(db, e.OrgUnitCode, e.JoinedDate, Indicators.MembersNew, 1, ct);
                break;
            case MemberStatusChanged e:
                AddPoint(db, e.EventId, e.MemberId, e.EffectiveDate, e.OccurredAt, e.ToStatus, e.OrgUnitCode);
                break;
            case DuesPaid e:
                await AddAsync(db, e.OrgUnitCode, e.PaidOn, Indicators.DuesCollected, e.AmountVnd, ct);
                break;
            case TrainingHeld e:
                await AddAsync(db, e.OrgUnitCode, e.StartDate, Indicators.TrainingsHeld, 1, ct);
                await AddAsync(db, e.OrgUnitCode, e.StartDate, Indicators.TrainingParticipants, e.ParticipantCount, ct);
                break;
            case WelfareContributionReceived e:
                await AddAsync(db, e.OrgUnitCode, e.ReceivedOn, Indicators.WelfareContributions, e.AmountVnd, ct);
                break;
            case WelfareVisitMade e:
                await AddAsync(db, e.OrgUnitCode, e.VisitedOn, Indicators.WelfareVisits, 1, ct);
                await AddAsync(db, e.OrgUnitCode, e.VisitedOn, Indicators.WelfareValue, e.AmountVnd, ct);
                break;
            case GrowthTargetSet e:
                await SetTargetAsync(db, e, ct);
                break;
            default:
                // Known but not counted yet (MemberDetailsChanged): nothing to project.
                break;
        }
    }

    private static void AddPoint(ReportingDb db, Guid eventId, Guid memberId, DateOnly effective, DateTimeOffset recordedAt, string status, string unit) =>
        db.Timeline.Add(new MemberTimelinePoint
        {
            EventId = eventId, MemberId = memberId, EffectiveDate = effective, RecordedAtTicks = recordedAt.UtcTicks, Status = status, OrgUnitCode = unit,
        });

    private static async Task AddAsync(ReportingDb db, string unit, DateOnly date, string code, long value, CancellationToken ct)
    {
        foreach (var period in Period.KeysOf(date))
        {
            var cell = await db.Cells.FindAsync([period, unit, code], ct);
            if (cell is null)
            {
                db.Cells.Add(new IndicatorCell { Period = period, OrgUnitCode = unit, Code = code, Value = value });
            }
            else
            {
                cell.Value += value;
            }
        }
    }

    private static async Task SetTargetAsync(ReportingDb db, GrowthTargetSet e, CancellationToken ct)
    {
        var target = await db.GrowthTargets.FindAsync([e.OrgUnitCode, e.Year], ct);
        if (target is null)
        {
            db.GrowthTargets.Add(new GrowthTargetFact { OrgUnitCode = e.OrgUnitCode, Year = e.Year, NewMembers = e.NewMembers, SetAtTicks = e.OccurredAt.UtcTicks });
        }
        else if (target.SetAtTicks <= e.OccurredAt.UtcTicks)
        {
            target.NewMembers = e.NewMembers;
            target.SetAtTicks = e.OccurredAt.UtcTicks;
        }
    }
}
