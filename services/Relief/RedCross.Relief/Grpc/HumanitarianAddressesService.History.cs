using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using HumanitarianAddress = RedCross.Relief.Domain.HumanitarianAddress;

namespace RedCross.Relief.Grpc;

/// <summary>The history writes of an address. Each reads the address inside the write transaction, answers a replayed
/// request_id with the address as it stands, and only then refuses a closed address (ADDRESS_CLOSED).</summary>
internal sealed partial class HumanitarianAddressesService
{
    public override async Task<Contracts.Relief.V1.HumanitarianAddress> AddSponsorCommitment(AddSponsorCommitmentRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var c = request.Commitment ?? new SponsorCommitment();
        var addressId = input.Id("address_id", request.AddressId);
        var sponsorId = input.Id("commitment.sponsor_id", c.SponsorId);
        var what = input.Text("commitment.what", c.What, 500);
        var (from, until) = AddressCommitment.CheckPeriod(input, c.FromDate, c.UntilDate, c.DurationMonths);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var address = await WriteHistoryAsync(addressId!.Value, "address_id", requestId, caller, context, async (db, a, ct) =>
        {
            var sponsor = await db.SponsorAsync(sponsorId!.Value, "commitment.sponsor_id", caller, ct);
            var commitment = new AddressCommitment { Id = Guid.CreateVersion7(), AddressId = a.Id, SponsorId = sponsor.Id, What = what!, FromDate = from!.Value, UntilDate = until };
            db.Add(commitment);
            AddressAuditTrail.Changed(db, context, caller, a, ["commitments"], clock.GetUtcNow());
            return commitment.Id;
        });
        return await ProtoAsync(address, caller, context.CancellationToken);
    }

    public override async Task<Contracts.Relief.V1.HumanitarianAddress> RecordAssistance(RecordAssistanceRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var e = request.Entry ?? new AssistanceEntry();
        var addressId = input.Id("address_id", request.AddressId);
        var on = input.NotFuture("entry.on_date", input.Date("entry.on_date", e.OnDate));
        var kind = input.OneOf("entry.kind", e.Kind, AddressAssistance.Kinds);
        var value = input.Range("entry.value_vnd", e.ValueVnd, kind == AddressAssistance.Service ? 0 : 1, Money.MaxVnd);
        var note = input.Text("entry.note", e.Note, 500, required: false);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var address = await WriteHistoryAsync(addressId!.Value, "address_id", requestId, caller, context, (db, a, _) =>
        {
            if (on!.Value < a.OpenedOn)
            {
                throw new ValidationFailedException("entry.on_date", $"must not be before the address was opened ({a.OpenedOn:yyyy-MM-dd})");
            }

            var entry = new AddressAssistance { Id = Guid.CreateVersion7(), AddressId = a.Id, OnDate = on.Value, Kind = kind!, ValueVnd = value, Note = note };
            db.Add(entry);
            db.AddEvent(IntegrationEvents.Assisted(a, entry, clock.GetUtcNow()));
            AddressAuditTrail.Changed(db, context, caller, a, ["assistance"], clock.GetUtcNow());
            RedCrossMetrics.MoneyRecorded("address_assistance", value);
            return Task.FromResult(entry.Id);
        });
        return await ProtoAsync(address, caller, context.CancellationToken);
    }

    public override async Task<Contracts.Relief.V1.HumanitarianAddress> ReviewAddress(ReviewAddressRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var r = request.Review ?? new Contracts.Relief.V1.AddressReview();
        var addressId = input.Id("address_id", request.AddressId);
        var on = input.NotFuture("review.reviewed_on", input.Date("review.reviewed_on", r.ReviewedOn));
        var outcome = input.OneOf("review.outcome", r.Outcome, AddressReviewSchedule.Outcomes);
        var note = input.Text("review.note", r.Note, 1000, required: false);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var address = await WriteHistoryAsync(addressId!.Value, "address_id", requestId, caller, context, (db, a, _) =>
        {
            var review = AddressReviewSchedule.Review(a, Guid.CreateVersion7(), on!.Value, outcome!, note, caller.Subject);
            db.Add(review);
            var now = clock.GetUtcNow();
            db.AddEvent(IntegrationEvents.Reviewed(a, review, now));
            if (a.Status == HumanitarianAddress.Closed)
            {
                db.AddEvent(IntegrationEvents.Closed(a, now));
            }

            AddressAuditTrail.Changed(db, context, caller, a,
                a.Status == HumanitarianAddress.Closed ? ["reviews", "status", "closed_on", "close_reason"] : ["reviews", "due_on", "last_reviewed_on"], now);
            return Task.FromResult(review.Id);
        });
        return await ProtoAsync(address, caller, context.CancellationToken);
    }

    public override async Task<Contracts.Relief.V1.HumanitarianAddress> CloseAddress(CloseAddressRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var reason = input.OneOf("reason", request.Reason, AddressReviewSchedule.CloseReasons);
        var on = input.NotFuture("closed_on", input.Date("closed_on", request.ClosedOn, input.Today));
        var note = input.Text("note", request.Note, 1000, required: false);
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        var address = await WriteHistoryAsync(id!.Value, "id", null, caller, context, (db, a, _) =>
        {
            ETag.EnsureMatches(etag, a);
            AddressReviewSchedule.EnsureOpen(a);
            AddressReviewSchedule.EnsureInSequence(a, on!.Value, "closed_on");
            AddressReviewSchedule.Close(a, on.Value, reason!, note);
            db.AddEvent(IntegrationEvents.Closed(a, clock.GetUtcNow()));
            AddressAuditTrail.Changed(db, context, caller, a, note is null ? ["status", "closed_on", "close_reason"] : ["status", "closed_on", "close_reason", "close_note"], clock.GetUtcNow());
            return Task.FromResult(a.Id);
        });
        return await ProtoAsync(address, caller, context.CancellationToken);
    }

    /// <summary>One history write in the write transaction: the address (tracked, in the caller's subtree, its unit
    /// in scope for writes), the replay check, the open check, then <paramref name="write"/> on the unit's db, which returns
    /// the id of what it recorded for request_id. Whatever the write adds to the address's history is a change of the address:
    /// its etag moves.</summary>
    private Task<HumanitarianAddress> WriteHistoryAsync(Guid addressId, string field, string? requestId, Caller caller, ServerCallContext context,
        Func<ReliefDb, HumanitarianAddress, CancellationToken, Task<Guid>> write) =>
        db.WriteAsync(async (db, ct) =>
        {
            var address = await db.HumanitarianAddresses.RequireAsync(addressId, field, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is not null)
            {
                return address;
            }

            AddressReviewSchedule.EnsureOpen(address);
            Idempotency.Remember(db, context, requestId, await write(db, address, ct));
            db.MarkChanged(address);
            return address;
        }, context.CancellationToken);
}
