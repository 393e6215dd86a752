using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using BloodDeferral = RedCross.Campaign.Domain.BloodDeferral;
using BloodDonor = RedCross.Campaign.Domain.BloodDonor;

namespace RedCross.Campaign.Grpc;

/// <summary>Blood donors: registration (one by one or imported), history, recall list, deferrals and anonymisation. Every
/// read and change of a donor is in the audit trail; health data is masked in <see cref="Mapping"/>, and the recall
/// list, whose every row is an eligibility fact, is for callers who may read personal data.</summary>
internal sealed class BloodDonorsService(CampaignDb db, TimeProvider clock, AuditReads<CampaignDb> auditReads) : BloodDonors.BloodDonorsBase
{
    public override async Task<Contracts.Campaign.V1.BloodDonor> CreateBloodDonor(CreateBloodDonorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var draft = DonorDraft.Check(input, "donor", request.Donor ?? new Contracts.Campaign.V1.BloodDonor());
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async ct =>
        {
            var unit = await Units.RequireOpenAsync(db, draft!.OrgUnitCode, "donor.org_unit", input.Today, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Donors.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var donor = draft.ToDonor(Guid.CreateVersion7(), unit.Path, input.Today);
            if (await db.Donors.AsNoTracking().FirstOrDefaultAsync(x => x.SearchName == donor.SearchName && x.BirthDate == donor.BirthDate
                && x.OrgUnitCode == donor.OrgUnitCode, ct) is { } same)
            {
                throw new ResourceConflictException("donor", $"Donor {same.Id} has the same name, birth date and home unit.");
            }

            db.Donors.Add(donor);
            DonorAuditTrail.Changed(db, context, caller, donor, DonorAuditTrail.RegisteredFields(donor), clock.GetUtcNow());
            Idempotency.Remember(db, context, requestId, donor.Id);
            return donor;
        }, context.CancellationToken);
        return created.ToProto(caller);
    }

    public override async Task<Contracts.Campaign.V1.BloodDonor> GetBloodDonor(GetBloodDonorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var donor = await RequireAsync(db.Donors.AsNoTracking(), id!.Value, "id", caller, context.CancellationToken);
        await auditReads.WriteAsync([DonorAuditTrail.Read(context, caller, donor, clock.GetUtcNow())], context.CancellationToken);
        return donor.ToProto(caller);
    }

    public override async Task<ListBloodDonorsResponse> ListBloodDonors(ListBloodDonorsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Donors.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        await auditReads.WriteAsync([.. page.Select(x => DonorAuditTrail.Read(context, caller, x, clock.GetUtcNow()))], ct);
        return new ListBloodDonorsResponse { Donors = { page.Select(x => x.ToProto(caller)) }, NextPageToken = next };
    }

    public override async Task<ImportBloodDonorsResponse> ImportBloodDonors(IAsyncStreamReader<ImportBloodDonorRow> requestStream, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var ct = context.CancellationToken;
        var units = await db.Set<ReplicatedOrgUnit>().AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        return await new DonorImport(db, units, caller, context.Method, clock).RunAsync(requestStream.ReadAllAsync(ct), ct);
    }

    public override async Task<DonorHistory> GetDonorHistory(GetDonorHistoryRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadCampaigns);
        var ct = context.CancellationToken;
        var input = new Input();
        var id = input.Id("donor_id", request.DonorId);
        input.ThrowIfInvalid();
        var donor = await RequireAsync(db.Donors.AsNoTracking(), id!.Value, "donor_id", caller, ct);
        var donations = await db.Donations.AsNoTracking().Where(x => x.DonorId == donor.Id).OrderBy(x => x.DonatedOn).ThenBy(x => x.Id).ToListAsync(ct);
        var deferrals = await db.Deferrals.AsNoTracking().Where(x => x.DonorId == donor.Id).OrderBy(x => x.DeferredOn).ThenBy(x => x.Id).ToListAsync(ct);
        await auditReads.WriteAsync([DonorAuditTrail.History(context, caller, donor, clock.GetUtcNow())], ct);
        return new DonorHistory
        {
            Donor = donor.ToProto(caller),
            Donations = { donations.Select(x => x.ToProto(caller)) },
            Deferrals = { deferrals.Select(x => x.ToProto(caller)) },
        };
    }

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
        var token = input.PageToken(request.PageToken);
        (DateOnly On, Guid Id)? after = null;
        if (token is not null)
        {
            var parts = token.Split('|');
            if (parts.Length == 2 && DateOnly.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var on) && Guid.TryParse(parts[1], out var last))
            {
                after = (on, last);
            }
            else
            {
                input.Fail("page_token", "is not a token this service issued");
            }
        }

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
        await auditReads.WriteAsync([.. page.Select(x => DonorAuditTrail.Recalled(context, caller, x, clock.GetUtcNow()))], ct);
        return new ListRecallDonorsResponse
        {
            Donors =
            {
                page.Select(x => new RecallDonor
                {
                    DonorId = x.Id.ToString(),
                    FullName = x.FullName,
                    OrgUnit = x.OrgUnitCode,
                    Phone = x.Phone ?? string.Empty,
                    LastDonatedOn = x.LastDonatedOn.Iso(),
                    EligibleSince = x.EligibleSince.Iso(),
                    DonationCount = x.DonationCount,
                }),
            },
            NextPageToken = next,
        };
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

        var recorded = await db.WriteAsync(async ct =>
        {
            var donor = await RequireAsync(db.Donors, id!.Value, "donor_id", caller, ct);
            donor.EnsureNotAnonymised();
            if (on!.Value < donor.BirthDate)
            {
                throw new ValidationFailedException("deferral.deferred_on", "must not be before the donor's birth date");
            }

            var deferral = new BloodDeferral
            {
                Id = Guid.CreateVersion7(),
                DonorId = donor.Id,
                DeferredOn = on.Value,
                Until = until,
                Reason = reason!,
                OrgUnitPath = donor.OrgUnitPath,
                RecordedAt = clock.GetUtcNow(),
            };
            db.Deferrals.Add(deferral);
            var last = until ?? DateOnly.MaxValue;
            if (donor.DeferredUntil is null || donor.DeferredUntil < last)
            {
                donor.DeferredUntil = last;
            }

            donor.Version++;
            DonorAuditTrail.Changed(db, context, caller, donor, ["deferrals"], clock.GetUtcNow());
            return deferral;
        }, context.CancellationToken);
        return recorded.ToProto(caller);
    }

    public override async Task<Contracts.Campaign.V1.BloodDonor> AnonymiseBloodDonor(AnonymiseBloodDonorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.AnonymiseDonors);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();

        var anonymised = await db.WriteAsync(async ct =>
        {
            var donor = await RequireAsync(db.Donors, id!.Value, "id", caller, ct);
            if (!string.IsNullOrEmpty(request.Etag) && request.Etag != donor.ETag)
            {
                throw new RuleViolationException("ETAG_MISMATCH", "The donor changed since it was read; read it again.");
            }

            var donations = await db.Donations.Where(x => x.DonorId == donor.Id).ToListAsync(ct);
            var deferrals = await db.Deferrals.Where(x => x.DonorId == donor.Id).ToListAsync(ct);
            // No event: campaign's events never carried a name, a phone or health data, and no count depends on them.
            if (donor.Anonymise(clock.GetUtcNow(), donations, deferrals) is { } refusal)
            {
                throw new RuleViolationException(refusal, "A donor can be anonymised once.");
            }

            donor.Version++;
            DonorAuditTrail.Changed(db, context, caller, donor, DonorAuditTrail.ErasedFields, clock.GetUtcNow());
            return donor;
        }, context.CancellationToken);
        return anonymised.ToProto(caller);
    }

    /// <summary>A donor in the caller's subtree, or NotFound / PermissionDenied naming <paramref name="field"/>.</summary>
    public static async Task<BloodDonor> RequireAsync(IQueryable<BloodDonor> donors, Guid id, string field, Caller caller, CancellationToken ct)
    {
        var donor = await donors.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new ResourceNotFoundException("BloodDonor", id.ToString(), field);
        caller.EnsureCanSee(donor.OrgUnitPath);
        return donor;
    }
}
