using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Training courses (lớp tập huấn).</summary>
internal sealed class TrainingsService(MembershipDb db, TimeProvider clock) : Trainings.TrainingsBase
{
    private const int MaxMemberParticipants = 10_000;

    public override async Task<Contracts.Membership.V1.Training> RecordTraining(RecordTrainingRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
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
        if (participants.Count > MaxMemberParticipants)
        {
            input.Fail("participant_member_ids", $"at most {MaxMemberParticipants} members per course");
        }

        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var training = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.UnitAsync(unitCode!, "org_unit", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Trainings.AsNoTracking().FirstAsync(t => t.Id == earlier, ct);
            }

            var ids = participants.Select(p => p!.Value).Distinct().ToList();
            var known = (await db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
            if (ids.FirstOrDefault(id => !known.Contains(id)) is var missing && missing != Guid.Empty)
            {
                throw new ResourceNotFoundException("Member", missing.ToString(), $"participant_member_ids[{participants.FindIndex(p => p == missing)}]");
            }

            var training = new Domain.Training
            {
                Id = Guid.CreateVersion7(),
                OrgUnitCode = unit.Code,
                Topic = topic!,
                StartDate = start!.Value,
                EndDate = end!.Value,
                ParticipantMemberIds = ids,
                OtherParticipants = request.OtherParticipants,
            };
            db.Trainings.Add(training);
            db.AddEvent(Domain.IntegrationEvents.Held(training, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, training.Id);
            return training;
        }, context.CancellationToken);
        return training.ToProto();
    }

    public override async Task<Contracts.Membership.V1.Training> GetTraining(GetRecordRequest request, ServerCallContext context) =>
        (await Facts.GetAsync(db, db.Trainings, "Training", new Input(clock.VietnamToday()), request.Id, Caller.From(context), context.CancellationToken)).ToProto();

    public override async Task<ListTrainingsResponse> ListTrainings(ListTrainingsRequest request, ServerCallContext context)
    {
        var input = new Input(clock.VietnamToday());
        var facts = db.Trainings.AsQueryable();
        var (page, next) = await Facts.ListAsync(db, facts, input, request.OrgUnit, request.PageSize, request.PageToken, Caller.From(context), context.CancellationToken);
        return new ListTrainingsResponse { Trainings = { page.Select(f => f.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Contracts.Membership.V1.Training> VoidTraining(VoidRecordRequest request, ServerCallContext context) =>
        (await Facts.VoidAsync<Domain.Training>(db, "Training", request, Caller.From(context), clock,
            Domain.IntegrationEvents.TrainingVoided, context.CancellationToken)).ToProto();
}
