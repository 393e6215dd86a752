using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using AddressReview = RedCross.Relief.Domain.AddressReview;
using Beneficiary = RedCross.Relief.Domain.Beneficiary;

namespace RedCross.Relief.Grpc;

/// <summary>Changes to a beneficiary after registration: updates (AIP-134) and anonymisation.</summary>
internal sealed partial class BeneficiariesService
{
    private static readonly HashSet<string> UpdatableFields =
        ["kind", "full_name", "birth_date", "sex", "national_id", "phone", "address", "household_size", "categories", "org_unit", "status"];

    public override async Task<Contracts.Relief.V1.Beneficiary> UpdateBeneficiary(UpdateBeneficiaryRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var changes = request.Beneficiary ?? new Contracts.Relief.V1.Beneficiary();
        var id = input.Id("beneficiary.id", changes.Id);
        var etag = input.Text("etag", request.Etag, 20);
        var paths = UpdateMask(input, request.UpdateMask);
        input.ThrowIfInvalid();

        // Read, checked and written under one write lock: the same-person rule cannot be passed by two callers at once.
        var updated = await db.WriteAsync(async (db, ct) =>
        {
            var b = await db.Beneficiaries.RequireAsync(id!.Value, "beneficiary.id", caller, ct);
            ETag.EnsureMatches(etag, b);
            b.EnsureNotAnonymised();
            var draft = MergedDraft(input, b, changes, paths);
            var status = paths.Contains("status") ? input.OneOf("beneficiary.status", changes.Status, BeneficiaryCategories.Statuses) : b.Status;
            input.ThrowIfInvalid();

            var unitPath = draft!.OrgUnitCode == b.OrgUnitCode ? b.OrgUnitPath
                : (await Units.RequireOpenAsync(db, draft.OrgUnitCode, "beneficiary.org_unit", input.Today, caller, ct)).Path;
            var (byNationalId, byName) = await db.SamePersonAsUpdatedAsync(b, draft, unitPath, ct);
            BeneficiaryMatch.Refuse(caller, byNationalId, byName, request.ConfirmDifferentPerson);
            var published = b.Update(draft, unitPath, status!);
            // An update moves the etag even when it sets the fields to what they were, as it always has.
            db.MarkChanged(b);
            if (published)
            {
                db.AddEvent(IntegrationEvents.Updated(b, clock.GetUtcNow()));
            }

            BeneficiaryAuditTrail.Changed(db, context, caller, b, paths, clock.GetUtcNow());
            return b;
        }, context.CancellationToken);
        return updated.ToProto(caller);
    }

    public override async Task<Contracts.Relief.V1.Beneficiary> AnonymiseBeneficiary(AnonymiseBeneficiaryRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.AnonymiseBeneficiaries);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();

        var anonymised = await db.WriteAsync(async (db, ct) =>
        {
            var b = await db.Beneficiaries.RequireAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(request.Etag, b);
            b.Anonymise(clock.GetUtcNow());
            BeneficiaryAuditTrail.Changed(db, context, caller, b, ["full_name", "national_id", "phone", "address"], clock.GetUtcNow());
            await AnonymiseAddressesAsync(db, b, caller, context, ct);
            // Every copy goes: the event names only the id, so services that keep the person (campaign's programme
            // lists) erase theirs. Reporting holds none of these fields, and no count depends on them.
            db.AddEvent(IntegrationEvents.Anonymised(b, clock.GetUtcNow()));
            return b;
        }, context.CancellationToken);
        return anonymised.ToProto(caller);
    }

    /// <summary>The humanitarian addresses about this beneficiary (any unit, open or closed) lose their personal fields in
    /// the anonymisation's own transaction, each change audited on the address.</summary>
    private async Task AnonymiseAddressesAsync(ReliefDb db, Beneficiary b, Caller caller, ServerCallContext context, CancellationToken ct)
    {
        var addresses = await db.HumanitarianAddresses.Where(a => a.BeneficiaryId == b.Id).ToListAsync(ct);
        foreach (var address in addresses)
        {
            var assistance = await db.Set<AddressAssistance>().Where(e => e.AddressId == address.Id).ToListAsync(ct);
            var reviews = await db.Set<AddressReview>().Where(r => r.AddressId == address.Id).ToListAsync(ct);
            address.Anonymise(assistance, reviews);
            db.MarkChanged(address);
            AddressAuditTrail.Changed(db, context, caller, address, AddressAuditTrail.ErasedFields, clock.GetUtcNow());
        }
    }

    private static List<string> UpdateMask(Input input, Google.Protobuf.WellKnownTypes.FieldMask? mask)
    {
        var paths = mask?.Paths.Distinct().ToList() ?? [];
        if (paths.Count == 0)
        {
            input.Fail("update_mask", "must name the fields to change");
        }

        foreach (var path in paths.Where(p => !UpdatableFields.Contains(p)))
        {
            input.Fail("update_mask", $"'{path}' cannot be updated (one of {string.Join(", ", UpdatableFields)})");
        }

        return paths;
    }

    /// <summary>The stored record with the masked fields replaced, checked as a whole as a registration would be.</summary>
    private static BeneficiaryDraft? MergedDraft(Input input, Beneficiary b, Contracts.Relief.V1.Beneficiary changes, List<string> paths)
    {
        string Pick(string path, string proposed, string? current) => paths.Contains(path) ? proposed : current ?? string.Empty;
        return BeneficiaryDraft.Check(input, Pick("kind", changes.Kind, b.Kind), Pick("full_name", changes.FullName, b.FullName),
            Pick("birth_date", changes.BirthDate, b.BirthDate.Iso()), Pick("sex", changes.Sex, b.Sex), Pick("national_id", changes.NationalId, b.NationalId),
            Pick("phone", changes.Phone, b.Phone), Pick("address", changes.Address, b.Address),
            paths.Contains("household_size") ? changes.HouseholdSize : b.HouseholdSize,
            paths.Contains("categories") ? [.. changes.Categories] : b.CategoryList, Pick("org_unit", changes.OrgUnit, b.OrgUnitCode),
            b.RegisteredOn.Iso());
    }
}
