using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Relief.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.Relief.Data;
using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Relief.Grpc;

/// <summary>Beneficiaries (đối tượng) over gRPC and REST: input → <see cref="BeneficiaryMatch"/> → storage.</summary>
internal sealed partial class BeneficiariesService(ReliefDb db, TimeProvider clock, AuditReads<ReliefDb> auditReads) : Beneficiaries.BeneficiariesBase
{
    private const int MaxListEntries = 100_000;

    public override async Task<Contracts.Relief.V1.Beneficiary> CreateBeneficiary(CreateBeneficiaryRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var input = new Input(clock.VietnamToday());
        var b = request.Beneficiary ?? new Contracts.Relief.V1.Beneficiary();
        var draft = BeneficiaryDraft.Check(input, b.Kind, b.FullName, b.BirthDate, b.Sex, b.NationalId, b.Phone, b.Address,
            b.HouseholdSize, [.. b.Categories], b.OrgUnit, b.RegisteredOn);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        // The match is read and the new row inserted under one write lock: two officers registering the same person
        // at the same moment cannot both pass.
        var created = await db.WriteAsync(async (db, ct) =>
        {
            // The unit must have been open on the day the record was drawn up, so it counts in that year's tree.
            var unit = await Units.RequireOpenAsync(db, draft!.OrgUnitCode, "beneficiary.org_unit", draft.RegisteredOn, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Beneficiaries.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var beneficiary = draft.ToBeneficiary(Guid.CreateVersion7(), unit.Path);
            var (byNationalId, byName) = await db.SamePersonAsync(beneficiary, ct);
            BeneficiaryMatch.Refuse(caller, byNationalId, byName, request.ConfirmDifferentPerson);
            db.Beneficiaries.Add(beneficiary);
            db.AddEvent(IntegrationEvents.Registered(beneficiary, clock.GetUtcNow()));
            BeneficiaryAuditTrail.Changed(db, context, caller, beneficiary, BeneficiaryAuditTrail.RegisteredFields(beneficiary), clock.GetUtcNow());
            Idempotency.Remember(db, context, requestId, beneficiary.Id);
            return beneficiary;
        }, context.CancellationToken);
        return created.ToProto(caller);
    }

    public override async Task<Contracts.Relief.V1.Beneficiary> GetBeneficiary(GetBeneficiaryRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var beneficiary = await db.BeneficiaryAsync(id!.Value, "id", caller, context.CancellationToken);
        auditReads.Record([BeneficiaryAuditTrail.Read(context, caller, beneficiary, clock.GetUtcNow())]);
        return beneficiary.ToProto(caller);
    }

    public override async Task<ListBeneficiariesResponse> ListBeneficiaries(ListBeneficiariesRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadRelief);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var status = string.IsNullOrEmpty(request.Status) ? null : input.OneOf("status", request.Status, BeneficiaryCategories.Statuses);
        var category = request.Category.Trim();
        if (category.Length > 0 && !BeneficiaryCategories.All.Contains(category))
        {
            input.Fail("category", "must be one of " + string.Join(", ", BeneficiaryCategories.All));
        }

        var query = input.Text("query", request.Query, 200, required: false);
        input.ThrowIfInvalid();

        var rows = Units.Within(db.Beneficiaries.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        var (bar, key) = ("|" + category + "|", query is null ? null : SearchText.Key(query));
        rows = category.Length > 0 ? rows.Where(x => x.Categories.Contains(bar)) : rows;
        rows = status is not null ? rows.Where(x => x.Status == status) : rows;
        rows = key is not null ? rows.Where(x => x.SearchName.Contains(key)) : rows;
        rows = after is { } a ? rows.Where(x => x.Id.CompareTo(a) > 0) : rows;

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id, ct);
        auditReads.Record([.. page.Select(x => BeneficiaryAuditTrail.Read(context, caller, x, clock.GetUtcNow()))]);
        return new ListBeneficiariesResponse { Beneficiaries = { page.Select(x => x.ToProto(caller)) }, NextPageToken = next };
    }

    public override async Task<ImportBeneficiariesResponse> ImportBeneficiaries(IAsyncStreamReader<ImportBeneficiaryRow> requestStream, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteRelief);
        var ct = context.CancellationToken;
        var units = await db.Set<ReplicatedOrgUnit>().AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        return await new BeneficiaryImport(db, units, caller, context.Method, clock).RunAsync(requestStream.ReadAllAsync(ct), ct);
    }

    public override async Task StreamBeneficiaryList(StreamBeneficiaryListRequest request, IServerStreamWriter<BeneficiaryListEntry> responseStream, ServerCallContext context)
    {
        Caller.From(context).EnsureCan(Permission.ReadBeneficiaryLists);
        // The list is drawn for an officer: their subtree bounds it, and the trail names them with the service.
        var person = await OnBehalfOf.PersonAsync(context);
        var ct = context.CancellationToken;
        var code = CheckList(request);
        var unit = await OrgReplica.OrgReplica.FindAsync(db, code!, ct) ?? throw new ResourceNotFoundException("OrgUnit", code, "org_unit");
        person.EnsureCanSee(unit.Path);
        var bars = request.Categories.Distinct().Select(c => "|" + c + "|").ToList();
        var rows = Units.Within(db.Beneficiaries.AsNoTracking(), unit.Path).Where(b => b.Status == "active");
        // One LIKE per category, OR-ed: EF cannot translate Any over a local list into a LIKE.
        var matching = bars.Skip(1).Aggregate(rows.Where(b => b.Categories.Contains(bars[0])),
            (any, bar) => any.Union(rows.Where(b => b.Categories.Contains(bar))));
        var list = await matching.OrderBy(b => b.Id).Take(request.Limit == 0 ? MaxListEntries : request.Limit).ToListAsync(ct);
        // Names leave relief here: the trail records each one before it is sent.
        auditReads.Record([.. list.Select(b => BeneficiaryAuditTrail.Listed(context, person, b, clock.GetUtcNow()))]);
        foreach (var b in list)
        {
            await responseStream.WriteAsync(b.ToListEntry(), ct);
        }
    }

    /// <summary>The list's unit code, once its categories and limit are checked.</summary>
    private static string CheckList(StreamBeneficiaryListRequest request)
    {
        var input = new Input();
        var code = input.Text("org_unit", request.OrgUnit, 40);
        if (request.Categories.Count == 0)
        {
            input.Fail("categories", "must name at least one category");
        }

        foreach (var unknown in request.Categories.Where(c => !BeneficiaryCategories.All.Contains(c)))
        {
            input.Fail("categories", $"'{unknown}' is not one of " + string.Join(", ", BeneficiaryCategories.All));
        }

        if (request.Limit is < 0 or > MaxListEntries)
        {
            input.Fail("limit", $"must be between 1 and {MaxListEntries} (0 for {MaxListEntries})");
        }

        input.ThrowIfInvalid();
        return code!;
    }
}
