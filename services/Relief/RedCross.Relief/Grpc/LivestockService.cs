using RedCross.OrgReplica;
using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using HandoverObligation = RedCross.Relief.Domain.HandoverObligation;

namespace RedCross.Relief.Grpc;

/// <summary>The livestock bank's animals: given, born, passed on, sold or dead. Every rule of
/// <see cref="LivestockHandover"/> is checked inside the write transaction, so two officers recording the same
/// mother's calves, or passing on the same calf, serialise.</summary>
internal sealed class LivestockService(ReliefDb db, TimeProvider clock) : Contracts.Relief.V1.Livestock.LivestockBase
{
    /// <summary>An animal given by age is at most this many months old (a cow lives about 20 years).</summary>
    private const int MaxAgeMonths = 360;

    public override async Task<Animal> GiveAnimal(GiveAnimalRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var programmeId = input.Id("programme_id", request.ProgrammeId);
        var recipientId = input.Id("recipient_beneficiary_id", request.RecipientBeneficiaryId);
        var tag = input.Text("tag", request.Tag, 40);
        var sex = input.OneOf("sex", request.Sex, LivestockSexes.OfAnimal);
        var givenOn = input.NotFuture("given_on", input.Date("given_on", request.GivenOn));
        var birth = BirthDate(input, request.BirthDate, request.AgeMonths, givenOn);
        var value = input.Range("value_vnd", request.ValueVnd, 0, Money.MaxVnd);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var given = await db.WriteAsync(async ct =>
        {
            var programme = await LivestockProgrammesService.RequireAsync(db, programmeId!.Value, "programme_id", caller, ct);
            var recipient = await BeneficiariesService.RequireAsync(db, recipientId!.Value, "recipient_beneficiary_id", caller, ct);
            await Units.RequireOpenAsync(db, recipient.OrgUnitCode, "recipient_beneficiary_id", givenOn!.Value, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.LivestockAnimals.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            LivestockHandover.EnsureInProgramme(programme, recipient);
            await EnsureTagFreeAsync(programme.Id, tag!, "tag", ct);
            var animal = new LivestockAnimal
            {
                Id = Guid.CreateVersion7(),
                ProgrammeId = programme.Id,
                Tag = tag!,
                Species = programme.Species,
                Sex = sex!,
                BirthDate = birth!.Value.Date,
                BirthDateEstimated = birth.Value.Estimated,
                HolderBeneficiaryId = recipient.Id,
                OrgUnitCode = recipient.OrgUnitCode,
                OrgUnitPath = recipient.OrgUnitPath,
                HeldSince = givenOn.Value,
                Status = LivestockStatuses.Given,
                ValueVnd = value,
            };
            db.LivestockAnimals.Add(animal);
            db.AddEvent(IntegrationEvents.Given(animal, clock.GetUtcNow()));
            Idempotency.Remember(db, context, requestId, animal.Id);
            if (value > 0)
            {
                RedCrossMetrics.MoneyRecorded("livestock", value);
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
        return (await RequireAsync(db.LivestockAnimals.AsNoTracking(), id!.Value, "id", caller, context.CancellationToken)).ToProto();
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
        var motherId = input.Id("mother_id", request.MotherId);
        var tag = input.Text("calf_tag", request.CalfTag, 40);
        var sex = input.OneOf("sex", request.Sex, LivestockSexes.OfAnimal);
        var bornOn = input.NotFuture("born_on", input.Date("born_on", request.BornOn));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var (calf, obligation) = await db.WriteAsync(async ct =>
        {
            var mother = await RequireAsync(db.LivestockAnimals.AsNoTracking(), motherId!.Value, "mother_id", caller, ct);
            await Units.RequireOpenAsync(db, mother.OrgUnitCode, "mother_id", bornOn!.Value, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return (await db.LivestockAnimals.AsNoTracking().FirstAsync(x => x.Id == earlier, ct),
                    await db.HandoverObligations.AsNoTracking().FirstOrDefaultAsync(x => x.CalfId == earlier, ct));
            }

            var siblings = db.LivestockAnimals.Where(x => x.MotherId == mother.Id && x.BornWithBeneficiaryId == mother.HolderBeneficiaryId);
            await EnsureCanCalveAsync(mother, siblings, bornOn.Value, ct);
            await EnsureTagFreeAsync(mother.ProgrammeId, tag!, "calf_tag", ct);
            var programme = await db.LivestockProgrammes.AsNoTracking().FirstAsync(x => x.Id == mother.ProgrammeId, ct);
            var born = new LivestockAnimal
            {
                Id = Guid.CreateVersion7(),
                ProgrammeId = programme.Id,
                Tag = tag!,
                Species = mother.Species,
                Sex = sex!,
                BirthDate = bornOn.Value,
                MotherId = mother.Id,
                BornWithBeneficiaryId = mother.HolderBeneficiaryId,
                CalfNumber = await siblings.CountAsync(ct) + 1,
                HolderBeneficiaryId = mother.HolderBeneficiaryId,
                OrgUnitCode = mother.OrgUnitCode,
                OrgUnitPath = mother.OrgUnitPath,
                HeldSince = bornOn.Value,
                Status = LivestockStatuses.Calved,
            };
            db.LivestockAnimals.Add(born);
            db.AddEvent(IntegrationEvents.Born(born, clock.GetUtcNow()));
            var alreadyOwes = await db.HandoverObligations.AnyAsync(x => x.MotherId == mother.Id && x.BeneficiaryId == mother.HolderBeneficiaryId
                && x.State != HandoverObligation.Cancelled, ct);
            HandoverObligation? owed = null;
            if (LivestockHandover.Owes(programme, mother, born, alreadyOwes))
            {
                owed = LivestockHandover.Oblige(programme, mother, born);
                db.HandoverObligations.Add(owed);
                db.AddEvent(IntegrationEvents.Obliged(owed, clock.GetUtcNow()));
            }

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

        var (calf, obligation) = await db.WriteAsync(async ct =>
        {
            var calf = await RequireAsync(db.LivestockAnimals, id!.Value, "id", caller, ct);
            var recipient = await BeneficiariesService.RequireAsync(db, recipientId!.Value, "recipient_beneficiary_id", caller, ct);
            await Units.RequireOpenAsync(db, recipient.OrgUnitCode, "recipient_beneficiary_id", on!.Value, caller, ct);
            EnsureETag(calf, etag);
            var programme = await db.LivestockProgrammes.AsNoTracking().FirstAsync(x => x.Id == calf.ProgrammeId, ct);
            var obligation = await db.HandoverObligations.FirstOrDefaultAsync(x => x.CalfId == calf.Id && x.State == HandoverObligation.Open, ct);
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

        var ended = await db.WriteAsync(async ct =>
        {
            var animal = await RequireAsync(db.LivestockAnimals, id!.Value, "id", caller, ct);
            await Units.RequireOpenAsync(db, animal.OrgUnitCode, "id", on!.Value, caller, ct);
            EnsureETag(animal, etag);
            if (!animal.IsHeld)
            {
                throw new RuleViolationException(LivestockHandover.NotHeld, $"Animal {animal.Id} is {animal.Status} already.");
            }

            if (on.Value < animal.HeldSince)
            {
                throw new RuleViolationException("OUTCOME_BEFORE_HOLDING", $"Animal {animal.Id} is held since {animal.HeldSince:yyyy-MM-dd}.");
            }

            // An owed calf is the programme's: the household may not sell it. If it dies, the obligation is cancelled
            // and the mother's next calf of the required sex is owed instead (see LivestockHandover.Owes).
            var owed = await db.HandoverObligations.FirstOrDefaultAsync(x => x.CalfId == animal.Id && x.State == HandoverObligation.Open, ct);
            if (owed is not null && outcome == LivestockStatuses.Sold)
            {
                throw new RuleViolationException(LivestockHandover.CalfOwed, $"Calf {animal.Id} is owed to the programme (obligation {owed.Id}); it cannot be sold.");
            }

            owed?.Cancel();
            animal.End(outcome!, on.Value);
            db.AddEvent(IntegrationEvents.Outcome(animal, owed, clock.GetUtcNow()));
            return animal;
        }, context.CancellationToken);
        return ended.ToProto();
    }

    public override async Task<ListHandoverObligationsResponse> ListHandoverObligations(ListHandoverObligationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var state = string.IsNullOrEmpty(request.State) ? null : input.OneOf("state", request.State, HandoverObligation.States);
        var programmeId = input.Id("programme_id", request.ProgrammeId, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.HandoverObligations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = state is not null ? rows.Where(x => x.State == state) : rows;
        rows = programmeId is { } p ? rows.Where(x => x.ProgrammeId == p) : rows;
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;
        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        return new ListHandoverObligationsResponse { Obligations = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    public override async Task<ListOverdueObligationsResponse> ListOverdueObligations(ListOverdueObligationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var pageSize = input.PageSize(request.PageSize);
        var asOf = input.Date("as_of", request.AsOf, input.Today);
        var after = OverdueToken.Read(input, request.PageToken);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.HandoverObligations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct))
            .Where(x => x.State == HandoverObligation.Open && x.DueOn < asOf!.Value);
        if (after is var (due, id))
        {
            rows = rows.Where(x => x.DueOn > due || (x.DueOn == due && x.Id.CompareTo(id) > 0));
        }

        var page = await rows.OrderBy(x => x.DueOn).ThenBy(x => x.Id).Take(pageSize + 1).ToListAsync(ct);
        var next = page.Count > pageSize ? OverdueToken.Write(page[pageSize - 1]) : string.Empty;
        return new ListOverdueObligationsResponse { Obligations = { page.Take(pageSize).Select(x => x.ToProto()) }, NextPageToken = next };
    }

    /// <summary>An animal held (or last held) in the caller's subtree, or NotFound / PermissionDenied naming <paramref name="field"/>.</summary>
    private static async Task<LivestockAnimal> RequireAsync(IQueryable<LivestockAnimal> animals, Guid id, string field, Caller caller, CancellationToken ct)
    {
        var animal = await animals.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new ResourceNotFoundException("Animal", id.ToString(), field);
        caller.EnsureCanSee(animal.OrgUnitPath);
        return animal;
    }

    /// <summary>A calf is born to a female animal its household holds, after the household got it, and after the
    /// calves already recorded with that household (calf numbers follow birth order).</summary>
    private static async Task EnsureCanCalveAsync(LivestockAnimal mother, IQueryable<LivestockAnimal> siblings, DateOnly bornOn, CancellationToken ct)
    {
        if (!mother.IsHeld)
        {
            throw new RuleViolationException(LivestockHandover.NotHeld, $"Animal {mother.Id} is {mother.Status}; no birth can be recorded to it.");
        }

        if (mother.Sex != LivestockSexes.Female)
        {
            throw new RuleViolationException("MOTHER_NOT_FEMALE", $"Animal {mother.Id} is {mother.Sex}.");
        }

        if (bornOn < mother.HeldSince)
        {
            throw new RuleViolationException("BIRTH_BEFORE_HOLDING", $"The household holds animal {mother.Id} since {mother.HeldSince:yyyy-MM-dd}.");
        }

        if (await siblings.AnyAsync(x => x.BirthDate > bornOn, ct))
        {
            throw new RuleViolationException("BIRTH_OUT_OF_ORDER", "A later calf of this mother is recorded already; record births in the order they happened.");
        }
    }

    private async Task EnsureTagFreeAsync(Guid programmeId, string tag, string field, CancellationToken ct)
    {
        if (await db.LivestockAnimals.AnyAsync(x => x.ProgrammeId == programmeId && x.Tag == tag, ct))
        {
            throw new ResourceConflictException(field, $"The programme has an animal tagged '{tag}' already.");
        }
    }

    private static void EnsureETag(LivestockAnimal animal, string? etag)
    {
        if (etag is not null && etag != animal.ETag)
        {
            throw new RuleViolationException("ETAG_MISMATCH", "The animal changed since it was read; read it again.");
        }
    }

    /// <summary>The birth date as given, or estimated from the age in months on the day it was given: exactly one of them.</summary>
    private static (DateOnly Date, bool Estimated)? BirthDate(Input input, string birthDate, int ageMonths, DateOnly? givenOn)
    {
        var hasDate = !string.IsNullOrWhiteSpace(birthDate);
        if (hasDate == (ageMonths != 0))
        {
            input.Fail("birth_date", "give either birth_date or age_months");
            return null;
        }

        if (!hasDate)
        {
            input.Range("age_months", ageMonths, 1, MaxAgeMonths);
            return givenOn is { } g && ageMonths is > 0 and <= MaxAgeMonths ? (g.AddMonths(-ageMonths), true) : null;
        }

        var date = input.NotFuture("birth_date", input.Date("birth_date", birthDate));
        if (date is { } d && givenOn is { } on && d > on)
        {
            input.Fail("birth_date", "must not be after given_on");
            return null;
        }

        return date is { } born ? (born, false) : null;
    }
}

/// <summary>Keyset page token of the overdue list, ordered by due date then id.</summary>
internal static class OverdueToken
{
    public static string Write(HandoverObligation last) => Input.EncodePageToken(last.DueOn.Iso() + "/" + last.Id);

    public static (DateOnly Due, Guid Id)? Read(Input input, string? token)
    {
        var text = input.PageToken(token);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) && Guid.TryParse(parts[1], out var id))
        {
            return (due, id);
        }

        input.Fail("page_token", "is not a token this service issued");
        return null;
    }
}
