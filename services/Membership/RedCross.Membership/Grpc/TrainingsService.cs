using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Training courses (lớp tập huấn).</summary>
internal sealed class TrainingsService(MembershipDb db, TimeProvider clock) : Trainings.TrainingsBase
{
    public override async Task<Contracts.Membership.V1.Training> RecordTraining(RecordTrainingRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var draft = TrainingDraft.Check(input, request.OrgUnit, request.Topic, request.StartDate, request.EndDate,
            request.ParticipantMemberIds, request.OtherParticipants);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var training = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.UnitAsync(draft!.OrgUnitCode, "org_unit", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Trainings.AsNoTracking().FirstAsync(t => t.Id == earlier, ct);
            }

            if (await db.FirstUnknownMemberAsync(draft.MemberIds, ct) is { } missing)
            {
                throw new ResourceNotFoundException("Member", missing.ToString(), draft.FieldOf(missing));
            }

            var training = draft.ToTraining(unit);
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
