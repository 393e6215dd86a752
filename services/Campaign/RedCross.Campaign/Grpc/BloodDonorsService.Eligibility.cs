using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>Who may donate: the recall list and the deferrals that keep a donor off it.</summary>
internal sealed partial class BloodDonorsService
{
    public override async Task<ListRecallDonorsResponse> ListRecallDonors(ListRecallDonorsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        // Being on the list on a day says the donor may donate that day; missing from it, once the interval is over,
        // says they are deferred. Masking eligible_since would still let a sweep of as_of date every deferral, and a
        // list for today alone would still tell who is deferred now. GetBloodDonor masks the same fact, so the list
        // is refused whole to callers who may not read personal data (they could not call anyone: phones are masked).
        caller.EnsureCan(Permission.ReadPersonalData);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var asOf = input.Date("as_of", request.AsOf, input.Today);
        var pageSize = input.PageSize(request.PageSize);
        var after = RecallAfter(input, input.PageToken(request.PageToken));

        input.ThrowIfInvalid();
        var day = asOf!.Value;
        // Aged 60 or less on the day: born after the day 61 years before it.
        var bornAfter = day.AddYears(-61);
        var rows = Units.Within(db.Donors.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct))
            .Where(x => x.NextEligibleOn != null && x.NextEligibleOn <= day && x.BirthDate > bornAfter
                && (x.DeferredUntil == null || x.DeferredUntil < day) && x.AnonymisedAt == null);
        if (after is { } a)
        {
            rows = rows.Where(x => x.NextEligibleOn > a.On || (x.NextEligibleOn == a.On && x.Id.CompareTo(a.Id) > 0));
        }

        var page = await rows.OrderBy(x => x.NextEligibleOn).ThenBy(x => x.Id).Take(pageSize + 1).ToListAsync(ct);
        var next = page.Count > pageSize ? Input.EncodePageToken($"{page[pageSize - 1].NextEligibleOn!.Value.Iso()}|{page[pageSize - 1].Id}") : string.Empty;
        page = [.. page.Take(pageSize)];
        auditReads.Record([.. page.Select(x => DonorAuditTrail.Recalled(context, caller, x, clock.GetUtcNow()))]);
        return new ListRecallDonorsResponse { Donors = { page.Select(x => x.ToRecall()) }, NextPageToken = next };
    }

    /// <summary>The recall list's page token: the last row's eligible day and id ("2024-06-01|guid").</summary>
    private static (DateOnly On, Guid Id)? RecallAfter(Input input, string? token)
    {
        var parts = token?.Split('|');
        if (parts is null)
        {
            return null;
        }

        if (parts.Length == 2 && DateOnly.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var on) && Guid.TryParse(parts[1], out var last))
        {
            return (on, last);
        }

        input.Fail("page_token", "is not a token this service issued");
        return null;
    }

    public override async Task<Contracts.Campaign.V1.BloodDeferral> RecordDeferral(RecordDeferralRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("donor_id", request.DonorId);
        var d = request.Deferral ?? new Contracts.Campaign.V1.BloodDeferral();
        var on = input.NotFuture("deferral.deferred_on", input.Date("deferral.deferred_on", d.DeferredOn));
        DateOnly? until = string.IsNullOrWhiteSpace(d.Until) ? null : input.Date("deferral.until", d.Until);
        if (on is { } from && until is { } to && to <= from)
        {
            input.Fail("deferral.until", "must be after deferred_on");
        }

        var reason = input.Text("deferral.reason", d.Reason, 500);
        input.ThrowIfInvalid();

        var recorded = await db.WriteAsync(async (db, ct) =>
        {
            var donor = await db.Donors.RequireAsync(id!.Value, "donor_id", caller, ct);
            var deferral = donor.Defer(on!.Value, until, reason!, clock.GetUtcNow());
            db.Deferrals.Add(deferral);
            // A deferral inside a longer one leaves the donor's fields as they were; it is still a change of the donor.
            db.MarkChanged(donor);
            DonorAuditTrail.Changed(db, context, caller, donor, ["deferrals"], clock.GetUtcNow());
            return deferral;
        }, context.CancellationToken);
        return recorded.ToProto(caller);
    }
}
