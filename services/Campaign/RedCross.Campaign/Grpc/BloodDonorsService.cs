using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Campaign.Data;
using RedCross.Campaign.Domain;
using RedCross.Contracts.Campaign.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>Blood donors: registration (one by one or imported), history, recall list, deferrals and anonymisation. Every
/// read and change of a donor is in the audit trail; health data is masked in <see cref="Mapping"/>, and the recall
/// list, whose every row is an eligibility fact, is for callers who may read personal data.</summary>
internal sealed partial class BloodDonorsService(CampaignDb db, TimeProvider clock, AuditReads<CampaignDb> auditReads) : BloodDonors.BloodDonorsBase
{
    public override async Task<Contracts.Campaign.V1.BloodDonor> CreateBloodDonor(CreateBloodDonorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteCampaigns);
        var input = new Input(clock.VietnamToday());
        var draft = DonorDraft.Check(input, "donor", DonorImport.FieldsOf(request.Donor));
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async (db, ct) =>
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
        var donor = await db.Donors.AsNoTracking().RequireAsync(id!.Value, "id", caller, context.CancellationToken);
        auditReads.Record([DonorAuditTrail.Read(context, caller, donor, clock.GetUtcNow())]);
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
        auditReads.Record([.. page.Select(x => DonorAuditTrail.Read(context, caller, x, clock.GetUtcNow()))]);
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
        var donor = await db.Donors.AsNoTracking().RequireAsync(id!.Value, "donor_id", caller, ct);
        var donations = await db.Donations.AsNoTracking().Where(x => x.DonorId == donor.Id).OrderBy(x => x.DonatedOn).ThenBy(x => x.Id).ToListAsync(ct);
        var deferrals = await db.Deferrals.AsNoTracking().Where(x => x.DonorId == donor.Id).OrderBy(x => x.DeferredOn).ThenBy(x => x.Id).ToListAsync(ct);
        auditReads.Record([DonorAuditTrail.History(context, caller, donor, clock.GetUtcNow())]);
        return new DonorHistory
        {
            Donor = donor.ToProto(caller),
            Donations = { donations.Select(x => x.ToProto(caller)) },
            Deferrals = { deferrals.Select(x => x.ToProto(caller)) },
        };
    }

    public override async Task<Contracts.Campaign.V1.BloodDonor> AnonymiseBloodDonor(AnonymiseBloodDonorRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.AnonymiseDonors);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();

        var anonymised = await db.WriteAsync(async (db, ct) =>
        {
            var donor = await db.Donors.RequireAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(request.Etag, donor);

            var donations = await db.Donations.Where(x => x.DonorId == donor.Id).ToListAsync(ct);
            var deferrals = await db.Deferrals.Where(x => x.DonorId == donor.Id).ToListAsync(ct);
            // No event: campaign's events never carried a name, a phone or health data, and no count depends on them.
            if (donor.Anonymise(clock.GetUtcNow(), donations, deferrals) is { } refusal)
            {
                throw new RuleViolationException(refusal, "A donor can be anonymised once.");
            }

            DonorAuditTrail.Changed(db, context, caller, donor, DonorAuditTrail.ErasedFields, clock.GetUtcNow());
            return donor;
        }, context.CancellationToken);
        return anonymised.ToProto(caller);
    }
}
