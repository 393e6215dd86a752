using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using DuesExemption = RedCross.Membership.Domain.DuesExemption;
using DuesPayment = RedCross.Membership.Domain.DuesPayment;
using GrowthTarget = RedCross.Membership.Domain.GrowthTarget;
using Member = RedCross.Membership.Domain.Member;
using Training = RedCross.Membership.Domain.Training;
using WelfareContribution = RedCross.Membership.Domain.WelfareContribution;
using WelfareVisit = RedCross.Membership.Domain.WelfareVisit;

namespace RedCross.Membership.Grpc;

/// <summary>Dues, trainings, the welfare fund and growth targets.</summary>
internal sealed class ActivitiesService(MembershipDb db, DuesRules rules) : MembershipActivities.MembershipActivitiesBase
{
    private const long MaxVnd = 1_000_000_000_000;

    public override async Task<Contracts.Membership.V1.DuesPayment> RecordDuesPayment(RecordDuesPaymentRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.WriteActivities);
        var ct = context.CancellationToken;
        var input = new Input();
        var memberId = input.Id("member_id", request.MemberId);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var months = (int)input.Range("months", request.Months, 1, 12);
        var paidOn = input.NotFuture("paid_on", input.Date("paid_on", request.PaidOn, VietnamTime.Today));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var member = await WritableMemberAsync(memberId!.Value, context);
        if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
        {
            return ToProto(await db.DuesPayments.AsNoTracking().FirstAsync(p => p.Id == earlier, ct));
        }

        if (member.Status != MemberStatus.Active)
        {
            throw new RuleViolationException("MEMBER_NOT_ACTIVE", "Dues are paid by active members only.");
        }

        if (await db.DuesExemptions.AnyAsync(e => e.MemberId == member.Id && e.Year == year, ct))
        {
            throw new RuleViolationException("MEMBER_EXEMPT", $"The member is exempt from dues for {year}.");
        }

        var paidMonths = await db.DuesPayments.Where(p => p.MemberId == member.Id && p.Year == year).SumAsync(p => p.Months, ct);
        if (paidMonths + months > 12)
        {
            throw new RuleViolationException("DUES_ALREADY_PAID", $"{paidMonths} of 12 months of {year} are paid already.");
        }

        var rate = rules.MonthlyRate(year) ?? throw new RuleViolationException("NO_DUES_RATE", $"No dues rate is in force for {year}.");
        var amount = rate * months;
        var (branch, commune, upper) = rules.Split(amount);
        var payment = new DuesPayment
        {
            Id = Guid.CreateVersion7(), MemberId = member.Id, OrgUnitCode = member.OrgUnitCode, Year = year, Months = months,
            AmountVnd = amount, BranchShareVnd = branch, CommuneShareVnd = commune, UpperShareVnd = upper, PaidOn = paidOn!.Value,
        };
        db.DuesPayments.Add(payment);
        db.AddEvent(new DuesPaid(Guid.CreateVersion7(), DateTimeOffset.UtcNow, payment.OrgUnitCode, payment.Id, member.Id, year, months,
            amount, branch, commune, upper, payment.PaidOn));
        Idempotency.Remember(db, context, requestId, payment.Id);
        await db.SaveChangesAsync(ct);
        RedCrossMetrics.MoneyRecorded("dues", amount);
        return ToProto(payment);
    }

    public override async Task<Contracts.Membership.V1.DuesExemption> GrantDuesExemption(GrantDuesExemptionRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.WriteActivities);
        var ct = context.CancellationToken;
        var input = new Input();
        var memberId = input.Id("member_id", request.MemberId);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var reason = input.Text("reason", request.Reason, 500);
        input.ThrowIfInvalid();

        var member = await WritableMemberAsync(memberId!.Value, context);
        var home = await OrgTree.RequireAsync(db, member.OrgUnitCode, "member_id", ct);
        var commune = await OrgTree.CommuneOfAsync(db, home, ct)
            ?? throw new RuleViolationException("NO_COMMUNE", "Exemptions are granted by a commune-level unit; the member's unit is above that level.");
        if (await db.DuesExemptions.AnyAsync(e => e.MemberId == member.Id && e.Year == year, ct))
        {
            throw new ResourceConflictException("member_id", $"The member is already exempt for {year}.");
        }

        var prefix = commune.Path + "/";
        var active = await db.Members.CountAsync(m => (m.OrgUnitPath == commune.Path || m.OrgUnitPath.StartsWith(prefix)) && m.Status == MemberStatus.Active, ct);
        var exempt = await db.DuesExemptions.CountAsync(e => e.CommuneCode == commune.Code && e.Year == year, ct);
        if (!rules.ExemptionAllowed(exempt, active))
        {
            throw new RuleViolationException("EXEMPTION_CAP_REACHED",
                $"{commune.Code} has {exempt} exemptions for {year} among {active} active members; at most {rules.ExemptionCapPercent}% may be exempt.");
        }

        var exemption = new DuesExemption { Id = Guid.CreateVersion7(), MemberId = member.Id, CommuneCode = commune.Code, Year = year, Reason = reason! };
        db.DuesExemptions.Add(exemption);
        await db.SaveChangesAsync(ct);
        return new Contracts.Membership.V1.DuesExemption
        {
            Id = exemption.Id.ToString(), MemberId = member.Id.ToString(), Year = year, Reason = exemption.Reason, Commune = commune.Code,
        };
    }

    public override async Task<Contracts.Membership.V1.Training> RecordTraining(RecordTrainingRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.WriteActivities);
        var ct = context.CancellationToken;
        var input = new Input();
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var topic = input.Text("topic", request.Topic, 300);
        var start = input.NotFuture("start_date", input.Date("start_date", request.StartDate));
        var end = input.Date("end_date", request.EndDate);
        if (start is { } s && end is { } e && e < s)
        {
            input.Fail("end_date", "must not be before start_date");
        }

        input.Range("other_participants", request.OtherParticipants, 0, 100_000);
        var participants = request.ParticipantMemberIds.Select((p, i) => input.Id($"participant_member_ids[{i}]", p)).ToList();
        if (participants.Count > 10_000)
        {
            input.Fail("participant_member_ids", "at most 10000 members per course");
        }

        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var unit = await OrgTree.RequireAsync(db, unitCode!, "org_unit", ct);
        Caller.From(context).EnsureCanSee(unit.Path);
        if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
        {
            return ToProto(await db.Trainings.AsNoTracking().FirstAsync(t => t.Id == earlier, ct));
        }

        var ids = participants.Select(p => p!.Value).Distinct().ToList();
        var known = (await db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        if (ids.FirstOrDefault(id => !known.Contains(id)) is var missing && missing != Guid.Empty)
        {
            throw new ResourceNotFoundException("Member", missing.ToString(), $"participant_member_ids[{participants.FindIndex(p => p == missing)}]");
        }

        var training = new Training
        {
            Id = Guid.CreateVersion7(), OrgUnitCode = unit.Code, Topic = topic!, StartDate = start!.Value, EndDate = end!.Value,
            ParticipantMemberIds = ids, OtherParticipants = request.OtherParticipants,
        };
        db.Trainings.Add(training);
        db.AddEvent(new TrainingHeld(Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit.Code, training.Id, training.Topic,
            training.StartDate, training.EndDate, training.ParticipantCount));
        Idempotency.Remember(db, context, requestId, training.Id);
        await db.SaveChangesAsync(ct);
        return ToProto(training);
    }

    public override async Task<Contracts.Membership.V1.WelfareContribution> RecordWelfareContribution(RecordWelfareContributionRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.WriteActivities);
        var ct = context.CancellationToken;
        var input = new Input();
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var contributor = input.Text("contributor", request.Contributor, 200);
        var amount = input.Range("amount_vnd", request.AmountVnd, 1, MaxVnd);
        var receivedOn = input.NotFuture("received_on", input.Date("received_on", request.ReceivedOn, VietnamTime.Today));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var unit = await OrgTree.RequireAsync(db, unitCode!, "org_unit", ct);
        Caller.From(context).EnsureCanSee(unit.Path);
        if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
        {
            return ToProto(await db.WelfareContributions.AsNoTracking().FirstAsync(c => c.Id == earlier, ct));
        }

        var contribution = new WelfareContribution
        {
            Id = Guid.CreateVersion7(), OrgUnitCode = unit.Code, Contributor = contributor!, AmountVnd = amount, ReceivedOn = receivedOn!.Value,
        };
        db.WelfareContributions.Add(contribution);
        db.AddEvent(new WelfareContributionReceived(Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit.Code, contribution.Id, amount, contribution.ReceivedOn));
        Idempotency.Remember(db, context, requestId, contribution.Id);
        await db.SaveChangesAsync(ct);
        RedCrossMetrics.MoneyRecorded("welfare_contribution", amount);
        return ToProto(contribution);
    }

    public override async Task<Contracts.Membership.V1.WelfareVisit> RecordWelfareVisit(RecordWelfareVisitRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.WriteActivities);
        var ct = context.CancellationToken;
        var input = new Input();
        var memberId = input.Id("member_id", request.MemberId);
        var reason = input.OneOf("reason", request.Reason, WelfareVisit.Reasons);
        var amount = input.Range("amount_vnd", request.AmountVnd, 0, MaxVnd);
        var visitedOn = input.NotFuture("visited_on", input.Date("visited_on", request.VisitedOn, VietnamTime.Today));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var member = await WritableMemberAsync(memberId!.Value, context);
        if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
        {
            return ToProto(await db.WelfareVisits.AsNoTracking().FirstAsync(v => v.Id == earlier, ct));
        }

        var visit = new WelfareVisit
        {
            Id = Guid.CreateVersion7(), MemberId = member.Id, OrgUnitCode = member.OrgUnitCode, Reason = reason!, AmountVnd = amount, VisitedOn = visitedOn!.Value,
        };
        db.WelfareVisits.Add(visit);
        db.AddEvent(new WelfareVisitMade(Guid.CreateVersion7(), DateTimeOffset.UtcNow, visit.OrgUnitCode, visit.Id, member.Id, visit.Reason, amount, visit.VisitedOn));
        Idempotency.Remember(db, context, requestId, visit.Id);
        await db.SaveChangesAsync(ct);
        RedCrossMetrics.MoneyRecorded("welfare_visit", amount);
        return ToProto(visit);
    }

    public override async Task<Contracts.Membership.V1.GrowthTarget> SetGrowthTarget(SetGrowthTargetRequest request, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.WriteActivities);
        var ct = context.CancellationToken;
        var input = new Input();
        var unitCode = input.Text("org_unit", request.OrgUnit, 20);
        var year = (int)input.Range("year", request.Year, 2000, 2100);
        var wanted = (int)input.Range("new_members", request.NewMembers, 0, 10_000_000);
        input.ThrowIfInvalid();

        var unit = await OrgTree.RequireAsync(db, unitCode!, "org_unit", ct);
        Caller.From(context).EnsureCanSee(unit.Path);
        var target = await db.GrowthTargets.FirstOrDefaultAsync(t => t.OrgUnitCode == unit.Code && t.Year == year, ct);
        if (target is null)
        {
            target = new GrowthTarget { OrgUnitCode = unit.Code, Year = year };
            db.GrowthTargets.Add(target);
        }

        target.NewMembers = wanted;
        db.AddEvent(new GrowthTargetSet(Guid.CreateVersion7(), DateTimeOffset.UtcNow, unit.Code, year, wanted));
        await db.SaveChangesAsync(ct);
        return new Contracts.Membership.V1.GrowthTarget { OrgUnit = unit.Code, Year = year, NewMembers = wanted };
    }

    private async Task<Member> WritableMemberAsync(Guid id, ServerCallContext context)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw new ResourceNotFoundException("Member", id.ToString(), "member_id");
        Caller.From(context).EnsureCanSee(member.OrgUnitPath);
        return member;
    }

    private static Contracts.Membership.V1.DuesPayment ToProto(DuesPayment p) => new()
    {
        Id = p.Id.ToString(), MemberId = p.MemberId.ToString(), OrgUnit = p.OrgUnitCode, Year = p.Year, Months = p.Months, AmountVnd = p.AmountVnd,
        BranchShareVnd = p.BranchShareVnd, CommuneShareVnd = p.CommuneShareVnd, UpperShareVnd = p.UpperShareVnd, PaidOn = p.PaidOn.Iso(),
    };

    private static Contracts.Membership.V1.Training ToProto(Training t) => new()
    {
        Id = t.Id.ToString(), OrgUnit = t.OrgUnitCode, Topic = t.Topic, StartDate = t.StartDate.Iso(), EndDate = t.EndDate.Iso(), ParticipantCount = t.ParticipantCount,
    };

    private static Contracts.Membership.V1.WelfareContribution ToProto(WelfareContribution c) => new()
    {
        Id = c.Id.ToString(), OrgUnit = c.OrgUnitCode, Contributor = c.Contributor, AmountVnd = c.AmountVnd, ReceivedOn = c.ReceivedOn.Iso(),
    };

    private static Contracts.Membership.V1.WelfareVisit ToProto(WelfareVisit v) => new()
    {
        Id = v.Id.ToString(), MemberId = v.MemberId.ToString(), OrgUnit = v.OrgUnitCode, Reason = v.Reason, AmountVnd = v.AmountVnd, VisitedOn = v.VisitedOn.Iso(),
    };
}
