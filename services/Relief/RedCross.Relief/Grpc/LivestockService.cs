using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using HandoverObligation = RedCross.Relief.Domain.HandoverObligation;

namespace RedCross.Relief.Grpc;

/// <summary>The livestock bank's animals: given, born, passed on, sold or dead (the obligations' lists are in the other
/// half of this class). Every rule of <see cref="LivestockAnimal"/> and <see cref="LivestockHandover"/> is checked
/// inside the write transaction, so two officers recording the same mother's calves, or passing on the same calf,
/// serialise.</summary>
internal sealed partial class LivestockService(ReliefDb db, TimeProvider clock) : Contracts.Relief.V1.Livestock.LivestockBase
{
    public override async Task<Animal> GiveAnimal(GiveAnimalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var draft = AnimalGiftDraft.Check(input, request.ProgrammeId, request.RecipientBeneficiaryId, request.Tag, request.Sex, request.GivenOn,
            request.BirthDate, request.AgeMonths, request.ValueVnd);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var given = await db.WriteAsync(async (db, ct) =>
        {
            var programme = await db.ProgrammeAsync(draft!.ProgrammeId, "programme_id", caller, ct);
            var recipient = await db.BeneficiaryAsync(draft.RecipientId, "recipient_beneficiary_id", caller, ct);
            await Units.RequireOpenAsync(db, recipient.OrgUnitCode, "recipient_beneficiary_id", draft.GivenOn, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.LivestockAnimals.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            LivestockHandover.EnsureInProgramme(programme, recipient);
            await db.EnsureTagFreeAsync(programme.Id, draft.Tag, "tag", ct);
            var animal = draft.ToAnimal(programme, recipient);
            db.LivestockAnimals.Add(animal);
            db.AddEvent(IntegrationEvents.Given(animal, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, animal.Id);
            if (animal.ValueVnd > 0)
            {
                RedCrossMetrics.MoneyRecorded("livestock", animal.ValueVnd);
            }

            return animal;
        }, context.CancellationToken);
        return given.ToProto();
    }

    public override async Task<Animal> GetAnimal(GetAnimalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        return (await db.LivestockAnimals.AsNoTracking().AnimalAsync(id!.Value, "id", caller, context.CancellationToken)).ToProto();
    }

    public override async Task<ListAnimalsResponse> ListAnimals(ListAnimalsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var programmeId = input.Id("programme_id", request.ProgrammeId, required: false);
        var holderId = input.Id("holder_beneficiary_id", request.HolderBeneficiaryId, required: false);
        var motherId = input.Id("mother_id", request.MotherId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.LivestockAnimals.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = programmeId is { } p ? rows.Where(x => x.ProgrammeId == p) : rows;
        rows = holderId is { } h ? rows.Where(x => x.HolderBeneficiaryId == h) : rows;
        rows = motherId is { } m ? rows.Where(x => x.MotherId == m) : rows;
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;
        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListAnimalsResponse { Animals = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    public override async Task<RecordBirthResponse> RecordBirth(RecordBirthRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var draft = BirthDraft.Check(input, request.MotherId, request.CalfTag, request.Sex, request.BornOn);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var (calf, obligation) = await db.WriteAsync(async (db, ct) =>
        {
            var mother = await db.LivestockAnimals.AsNoTracking().AnimalAsync(draft!.MotherId, "mother_id", caller, ct);
            await Units.RequireOpenAsync(db, mother.OrgUnitCode, "mother_id", draft.BornOn, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.BirthAsync(earlier, ct);
            }

            var (laterCalf, calfNumber) = await db.CalvesAsync(mother, draft.BornOn, ct);
            mother.EnsureCanCalve(draft.BornOn, laterCalf);
            await db.EnsureTagFreeAsync(mother.ProgrammeId, draft.Tag, "calf_tag", ct);
            var born = mother.Calve(draft.Tag, draft.Sex, draft.BornOn, calfNumber);
            db.LivestockAnimals.Add(born);
            db.AddEvent(IntegrationEvents.Born(born, clock.GetUtcNow()));
            var owed = await ObligeAsync(db, mother, born, ct);
            Idempotency.Remember(db, context, requestId, born.Id);
            return (born, owed);
        }, context.CancellationToken);
        return new RecordBirthResponse { Calf = calf.ToProto(), Obligation = obligation?.ToProto() };
    }

    public override async Task<PassOnCalfResponse> PassOnCalf(PassOnCalfRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var recipientId = input.Id("recipient_beneficiary_id", request.RecipientBeneficiaryId);
        var on = input.NotFuture("handed_over_on", input.Date("handed_over_on", request.HandedOverOn));
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        var (calf, obligation) = await db.WriteAsync(async (db, ct) =>
        {
            var calf = await db.LivestockAnimals.AnimalAsync(id!.Value, "id", caller, ct);
            var recipient = await db.BeneficiaryAsync(recipientId!.Value, "recipient_beneficiary_id", caller, ct);
            await Units.RequireOpenAsync(db, recipient.OrgUnitCode, "recipient_beneficiary_id", on!.Value, caller, ct);
            ETag.EnsureMatches(etag, calf);
            var programme = await db.LivestockProgrammes.AsNoTracking().FirstAsync(x => x.Id == calf.ProgrammeId, ct);
            var obligation = await db.OpenObligationAsync(calf.Id, ct);
            LivestockHandover.EnsureCanPassOn(programme, calf, obligation, recipient, on.Value);
            calf.PassTo(recipient, on.Value);
            obligation!.Fulfil(recipient.Id, on.Value);
            db.AddEvent(IntegrationEvents.PassedOn(calf, obligation, clock.GetUtcNow()));
            return (calf, obligation);
        }, context.CancellationToken);
        return new PassOnCalfResponse { Calf = calf.ToProto(), Obligation = obligation.ToProto() };
    }

    public override async Task<Animal> RecordAnimalOutcome(RecordAnimalOutcomeRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var outcome = input.OneOf("outcome", request.Outcome, LivestockStatuses.Outcomes);
        var on = input.NotFuture("on", input.Date("on", request.On));
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        var ended = await db.WriteAsync(async (db, ct) =>
        {
            var animal = await db.LivestockAnimals.AnimalAsync(id!.Value, "id", caller, ct);
            await Units.RequireOpenAsync(db, animal.OrgUnitCode, "id", on!.Value, caller, ct);
            ETag.EnsureMatches(etag, animal);
            var owed = await db.OpenObligationAsync(animal.Id, ct);
            animal.End(outcome!, on.Value, owed);
            db.AddEvent(IntegrationEvents.Outcome(animal, owed, clock.GetUtcNow()));
            return animal;
        }, context.CancellationToken);
        return ended.ToProto();
    }

    /// <summary>Adds the obligation <paramref name="born"/> starts, if the programme's hand-back rule owes it.</summary>
    private async Task<HandoverObligation?> ObligeAsync(ReliefDb db, LivestockAnimal mother, LivestockAnimal born, CancellationToken ct)
    {
        var programme = await db.LivestockProgrammes.AsNoTracking().FirstAsync(x => x.Id == mother.ProgrammeId, ct);
        var alreadyOwes = await db.HandoverObligations.AnyAsync(x => x.MotherId == mother.Id && x.BeneficiaryId == mother.HolderBeneficiaryId
            && x.State != HandoverObligation.Cancelled, ct);
        if (!LivestockHandover.Owes(programme, mother, born, alreadyOwes))
        {
            return null;
        }

        var owed = LivestockHandover.Oblige(programme, mother, born);
        db.HandoverObligations.Add(owed);
        db.AddEvent(IntegrationEvents.Obliged(owed, clock.GetUtcNow()));
        return owed;
    }
}
