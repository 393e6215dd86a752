using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.Contracts.Awards.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Nomination = RedCross.Awards.Domain.Nomination;

namespace RedCross.Awards.Grpc;

/// <summary>The status flow after creation: submit (proposers), approve, reject and revoke (only a principal acting for
/// the issuer, <see cref="ActingForIssuer"/>). Each runs in one write transaction with its event.</summary>
internal sealed partial class NominationsService
{
    public override async Task<Contracts.Awards.V1.Nomination> SubmitNomination(SubmitNominationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteAwards);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var on = input.NotFuture("submitted_on", input.Date("submitted_on", request.SubmittedOn, input.Today));
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var (nomination, issuer) = await LoadAsync(db, id!.Value, etag, caller, deciding: false, ct);
            nomination.Submit(on!.Value);
            db.AddEvent(IntegrationEvents.Submitted(nomination, issuer, clock.GetUtcNow()));
            return nomination;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<Contracts.Awards.V1.Nomination> ApproveNomination(ApproveNominationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.DecideAwards);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var number = input.Text("decision_number", request.DecisionNumber, 60);
        var date = input.NotFuture("decision_date", input.Date("decision_date", request.DecisionDate));
        long? cash = request.HasCashVnd ? input.Range("cash_vnd", request.CashVnd, 0, Domain.Issuer.MaxCashVnd) : null;
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        var approved = await db.WriteAsync(async (db, ct) =>
        {
            var (nomination, issuer) = await LoadAsync(db, id!.Value, etag, caller, deciding: true, ct);
            var amount = cash ?? issuer.Form(nomination.FormKind)?.StandardCash(nomination.IsCollective) ?? 0;
            nomination.Approve(number!, date!.Value, amount, caller.Subject);
            db.AddEvent(IntegrationEvents.Approved(nomination, issuer, clock.GetUtcNow()));
            return nomination;
        }, context.CancellationToken);
        RedCrossMetrics.MoneyRecorded("commendation", approved.CashVnd);
        return approved.ToProto();
    }

    public override async Task<Contracts.Awards.V1.Nomination> RejectNomination(RejectNominationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.DecideAwards);
        var input = new Input();
        var id = input.Id("id", request.Id);
        var reason = input.Text("reason", request.Reason, 500);
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var (nomination, _) = await LoadAsync(db, id!.Value, etag, caller, deciding: true, ct);
            nomination.Reject(reason!, caller.Subject);
            return nomination;
        }, context.CancellationToken)).ToProto();
    }

    public override async Task<Contracts.Awards.V1.Nomination> RevokeCommendation(RevokeCommendationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.DecideAwards);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var reason = input.Text("reason", request.Reason, 500);
        var on = input.NotFuture("revoked_on", input.Date("revoked_on", request.RevokedOn, input.Today));
        var etag = input.Text("etag", request.Etag, 20, required: false);
        input.ThrowIfInvalid();

        return (await db.WriteAsync(async (db, ct) =>
        {
            var (nomination, issuer) = await LoadAsync(db, id!.Value, etag, caller, deciding: true, ct);
            nomination.Revoke(reason!, on!.Value);
            db.AddEvent(IntegrationEvents.Revoked(nomination, issuer, clock.GetUtcNow()));
            return nomination;
        }, context.CancellationToken)).ToProto();
    }

    /// <summary>The nomination (tracked) and its issuer. A proposer is refused a nomination outside its subtree; a decider
    /// is refused unless it acts for the issuer (whose area holds every nomination to it), with that reason rather than
    /// the subtree's. A stale etag is refused after, before any rule.</summary>
    private static async Task<(Nomination Nomination, Domain.Issuer Issuer)> LoadAsync(AwardsDb db, Guid id, string? etag, Caller caller, bool deciding,
        CancellationToken ct)
    {
        var nomination = deciding
            ? await db.Nominations.RequireExistingAsync(id, "id", ct)
            : await db.Nominations.RequireAsync(id, "id", caller, ct);
        var issuer = await db.Issuers.AsNoTracking().Include(x => x.Forms).FirstAsync(x => x.Code == nomination.IssuerCode, ct);
        if (deciding)
        {
            ActingForIssuer.Ensure(caller, issuer);
        }

        ETag.EnsureMatches(etag, nomination);
        return (nomination, issuer);
    }
}
