using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.Contracts.Awards.V1;
using RedCross.Messaging;
using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Nomination = RedCross.Awards.Domain.Nomination;

namespace RedCross.Awards.Grpc;

/// <summary>Nominations (đề nghị khen thưởng): input → recipient resolved from what awards knows → the duplicate rule
/// inside the write transaction → storage and events. Decisions are in NominationsService.Decisions.cs.</summary>
internal sealed partial class NominationsService(AwardsDb db, TimeProvider clock, NominationWriter writer) : Nominations.NominationsBase
{
    public override async Task<Contracts.Awards.V1.Nomination> CreateNomination(CreateNominationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteAwards);
        var input = new Input(clock.VietnamToday());
        var n = request.Nomination ?? new Contracts.Awards.V1.Nomination();
        var issuerCode = input.Text("nomination.issuer_code", n.IssuerCode, 40);
        var formKind = input.OneOf("nomination.form_kind", n.FormKind, FormKinds.All);
        var recipient = RecipientInput.Read(input, n.Recipient ?? new Recipient());
        var movement = input.OneOf("nomination.movement", n.Movement, Nomination.Movements);
        var year = (int)input.Range("nomination.year", n.Year, 2000, input.Today.Year);
        var proposer = input.Text("nomination.proposer_org_unit", n.ProposerOrgUnit, 40);
        var submittedOn = SubmittedOn(input, request.Submit, request.SubmittedOn);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var created = await db.WriteAsync(async (db, ct) =>
        {
            var issuer = await AwardsQueries.RequireIssuerAsync(db, issuerCode!, "nomination.issuer_code", caller, ct);
            var form = issuer.EnsureGives(formKind!);
            await Units.RequireAsync(db, proposer!, "nomination.proposer_org_unit", caller, ct);
            var unit = await recipient.ResolveAsync(db, caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Nominations.AsNoTracking().FirstAsync(x => x.Id == earlier, ct);
            }

            var nomination = Nomination.Propose(issuer, form.Kind, (recipient.Kind, recipient.Id, recipient.GroupName), unit.Code, unit.Path, movement!, year,
                proposer!, caller.Subject);
            await writer.AddAsync(db, nomination, issuer, submittedOn, ct);
            Idempotency.Remember(db, context, requestId, nomination.Id);
            return nomination;
        }, context.CancellationToken);
        return created.ToProto();
    }

    public override async Task<Contracts.Awards.V1.Nomination> GetNomination(GetNominationRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAwards);
        var input = new Input();
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var nomination = await db.Nominations.AsNoTracking().RequireAsync(id!.Value, "id", caller, context.CancellationToken);
        return nomination.ToProto();
    }

    public override async Task<ListNominationsResponse> ListNominations(ListNominationsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadAwards);
        var ct = context.CancellationToken;
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = Units.After(input, request.PageToken);
        var issuer = input.Text("issuer_code", request.IssuerCode, 40, required: false);
        var status = string.IsNullOrEmpty(request.Status) ? null : input.OneOf("status", request.Status, Nomination.Statuses);
        if (request.Year != 0)
        {
            input.Range("year", request.Year, 2000, 2100);
        }

        input.ThrowIfInvalid();

        var rows = Units.Within(db.Nominations.AsNoTracking(), await Units.ScopeAsync(db, request.OrgUnit, caller, ct));
        rows = issuer is null ? rows : rows.Where(x => x.IssuerCode == issuer);
        rows = status is null ? rows : rows.Where(x => x.Status == status);
        rows = request.Year == 0 ? rows : rows.Where(x => x.Year == request.Year);
        if (after is { } a)
        {
            rows = rows.Where(x => x.Id.CompareTo(a) > 0);
        }

        var (page, next) = await Units.PageAsync(rows.OrderBy(x => x.Id), pageSize, x => x.Id.ToString(), ct);
        return new ListNominationsResponse { Nominations = { page.Select(x => x.ToProto()) }, NextPageToken = next };
    }

    private static DateOnly? SubmittedOn(Input input, bool submit, string value)
    {
        if (!submit)
        {
            if (!string.IsNullOrEmpty(value))
            {
                input.Fail("submitted_on", "is for submit only");
            }

            return null;
        }

        return input.NotFuture("submitted_on", input.Date("submitted_on", value, input.Today));
    }
}

/// <summary>A recipient as named on input, then resolved against what awards knows: units from the tree replica,
/// members and volunteers from membership's events, donors from campaign's; an unknown one is NotFound, one outside
/// the caller's subtree PermissionDenied. Officials are kept by no service: a staff reference in a unit the nominator
/// answers for.</summary>
internal sealed partial class RecipientInput
{
    public string Kind { get; private init; } = string.Empty;

    public string? Id { get; private init; }

    public string? UnitCode { get; private init; }

    public string? GroupName { get; private init; }

    public static RecipientInput Read(Input input, Recipient r, string prefix = "nomination.recipient")
    {
        var kind = input.OneOf(prefix + ".kind", r.Kind, RecipientKinds.All) ?? string.Empty;
        string? id = null, unit = null, group = null;
        switch (kind)
        {
            case RecipientKinds.Member or RecipientKinds.Volunteer or RecipientKinds.Donor:
                id = input.Id(prefix + ".id", r.Id)?.ToString();
                break;
            case RecipientKinds.Official:
                id = input.Text(prefix + ".id", r.Id, 40);
                if (id is not null && !StaffReference().IsMatch(id))
                {
                    input.Fail(prefix + ".id", "an official's staff reference holds only letters, digits, '-' and '/'");
                }

                unit = input.Text(prefix + ".org_unit", r.OrgUnit, 40);
                break;
            case RecipientKinds.OrgUnit or RecipientKinds.Group:
                if (!string.IsNullOrEmpty(r.Id))
                {
                    input.Fail(prefix + ".id", "is for individuals; a collective is named by org_unit");
                }

                unit = input.Text(prefix + ".org_unit", r.OrgUnit, 40);
                group = kind == RecipientKinds.Group ? input.Text(prefix + ".group_name", r.GroupName, 200) : null;
                break;
        }

        if (kind != RecipientKinds.Group && !string.IsNullOrEmpty(r.GroupName))
        {
            input.Fail(prefix + ".group_name", "is for groups only");
        }

        return new RecipientInput { Kind = kind, Id = id, UnitCode = unit, GroupName = group };
    }

    /// <summary>The recipient's unit, once the recipient is known and inside the caller's subtree.</summary>
    public async Task<ReplicatedOrgUnit> ResolveAsync(AwardsDb db, Caller caller, CancellationToken ct)
    {
        const string field = "nomination.recipient.id";
        switch (Kind)
        {
            case RecipientKinds.Member or RecipientKinds.Volunteer:
                var memberId = Guid.Parse(Id!);
                var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.MemberId == memberId, ct)
                    ?? throw new ResourceNotFoundException("Member", Id!, field);
                var unit = await Units.RequireAsync(db, member.OrgUnitCode, field, caller, ct);
                if (Kind == RecipientKinds.Volunteer && !member.Volunteer)
                {
                    throw new RuleViolationException(RecipientKinds.NotAVolunteer, $"Member {Id} is not a volunteer; nominate them as a member.");
                }

                return unit;
            case RecipientKinds.Donor:
                var donorId = Guid.Parse(Id!);
                var donor = await db.Donors.AsNoTracking().FirstOrDefaultAsync(d => d.DonorId == donorId, ct)
                    ?? throw new ResourceNotFoundException("Donor", Id!, field);
                return await Units.RequireAsync(db, donor.OrgUnitCode, field, caller, ct);
            default:
                return await Units.RequireAsync(db, UnitCode!, "nomination.recipient.org_unit", caller, ct);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9/-]+$")]
    private static partial Regex StaffReference();
}
