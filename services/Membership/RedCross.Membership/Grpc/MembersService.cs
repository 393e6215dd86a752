using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using Member = RedCross.Membership.Domain.Member;

namespace RedCross.Membership.Grpc;

/// <summary>Members (hội viên) over gRPC and REST.</summary>
internal sealed partial class MembersService(MembershipDb db, TimeProvider clock, AuditReads<MembershipDb> auditReads) : Members.MembersBase
{
    private static readonly HashSet<string> UpdatableFields = ["full_name", "birth_date", "sex", "national_id", "phone", "address", "volunteer"];

    public override async Task<Contracts.Membership.V1.Member> RegisterMember(RegisterMemberRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteMembers);
        var input = new Input(clock.VietnamToday());
        var draft = MemberDraft.Check(input, request.FullName, request.BirthDate, request.Sex, request.NationalId, request.Phone,
            request.Address, request.OrgUnit, request.JoinedDate, request.Volunteer);
        var requestId = Idempotency.Key(input, request.RequestId);
        input.ThrowIfInvalid();

        var member = await db.WriteAsync(async (db, ct) =>
        {
            var unit = await db.UnitAsync(draft!.OrgUnitCode, "org_unit", caller, ct);
            if (await Idempotency.FindAsync(db, context, requestId) is { } earlier)
            {
                return await db.Members.AsNoTracking().WithHistory().FirstAsync(m => m.Id == earlier, ct);
            }

            unit.EnsureOpenOn(draft.JoinedDate, "joined_date");
            await db.EnsureNationalIdFreeAsync(draft.NationalId, null, ct);
            var member = draft.ToMember(Guid.CreateVersion7(), unit.Path);
            db.Members.Add(member);
            db.AddEvent(IntegrationEvents.Registered(member, clock.GetUtcNow()));
            MemberAuditTrail.Changed(db, context, caller, member, MemberAuditTrail.RegisteredFields(member), clock.GetUtcNow());
            Idempotency.Remember(db, context, requestId, member.Id);
            return member;
        }, context.CancellationToken);
        return member.ToProto(caller);
    }

    public override async Task<Contracts.Membership.V1.Member> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadMembers);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        input.ThrowIfInvalid();
        var member = await db.Members.AsNoTracking().MemberAsync(id!.Value, "id", caller, context.CancellationToken);
        auditReads.Record([MemberAuditTrail.Read(context, caller, member, clock.GetUtcNow())]);
        return member.ToProto(caller);
    }

    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.ReadMembers);
        var ct = context.CancellationToken;
        var input = new Input(clock.VietnamToday());
        var pageSize = input.PageSize(request.PageSize);
        var after = input.PageToken(request.PageToken);
        var status = string.IsNullOrEmpty(request.Status) ? null : input.OneOf("status", request.Status, MemberStatusRules.ByName);
        var query = input.Text("query", request.Query, 200, required: false);
        input.ThrowIfInvalid();

        // A caller holding the whole tree lists everything; anyone else only their subtree.
        var scope = await db.ListScopeAsync(request.OrgUnit, caller, ct);
        var page = await db.PageAsync(new MemberFilter(scope, status, request.VolunteersOnly, request.YouthOnly, query, after, input.Today), pageSize, ct);
        var shown = page.Take(pageSize).ToList();
        auditReads.Record([.. shown.Select(m => MemberAuditTrail.Read(context, caller, m, clock.GetUtcNow()))]);
        var response = new ListMembersResponse { Members = { shown.Select(m => m.ToProto(caller)) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Input.EncodePageToken(page[pageSize - 1].SortKey);
        }

        return response;
    }

    public override async Task<Contracts.Membership.V1.Member> UpdateMember(UpdateMemberRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteMembers);
        var input = new Input(clock.VietnamToday());
        var changes = request.Member ?? new Contracts.Membership.V1.Member();
        var id = input.Id("member.id", changes.Id);
        var etag = input.Text("etag", request.Etag, 20);
        var paths = request.UpdateMask?.Paths.ToList() ?? [];
        if (paths.Count == 0)
        {
            input.Fail("update_mask", "must name the fields to change");
        }

        foreach (var path in paths.Where(p => !UpdatableFields.Contains(p)))
        {
            input.Fail("update_mask", $"'{path}' cannot be updated here (status has ChangeMemberStatus)");
        }

        input.ThrowIfInvalid();
        var member = await db.WriteAsync(async (db, ct) =>
        {
            var member = await db.Members.MemberAsync(id!.Value, "id", caller, ct);
            ETag.EnsureMatches(etag, member);
            Apply(member, changes, paths, input);
            await db.EnsureNationalIdFreeAsync(member.NationalId, member.Id, ct);
            member.ImportKey = Member.ImportKeyOf(member.NationalId, member.FullName, member.BirthDate, member.OrgUnitCode);
            // The fields may be set to what they were; the update still counts as a change (a new etag), as it always has.
            db.MarkChanged(member);
            MemberAuditTrail.Changed(db, context, caller, member, paths, clock.GetUtcNow());
            db.AddEvent(IntegrationEvents.DetailsChanged(member, clock.GetUtcNow()));
            return member;
        }, context.CancellationToken);
        return member.ToProto(caller);
    }

    public override async Task<ImportMembersResponse> ImportMembers(IAsyncStreamReader<ImportMemberRow> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.WriteMembers);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, ct);
        return await new MemberImport(db, units, caller, context.Method, clock).RunAsync(requestStream.ReadAllAsync(ct), ct);
    }

    /// <summary>Sets the fields the mask names, each checked as on registration; a failed check throws with them all.</summary>
    private static void Apply(Member member, Contracts.Membership.V1.Member changes, List<string> paths, Input input)
    {
        foreach (var path in paths)
        {
            switch (path)
            {
                case "full_name": member.SetName(MemberDraft.CheckName(input, "member.full_name", changes.FullName) ?? member.FullName); break;
                case "birth_date": member.BirthDate = MemberDraft.CheckBirthDate(input, "member.birth_date", changes.BirthDate) ?? member.BirthDate; break;
                case "sex": member.Sex = MemberDraft.CheckSex(input, "member.sex", changes.Sex) ?? member.Sex; break;
                case "national_id": member.NationalId = MemberDraft.CheckNationalId(input, "member.national_id", changes.NationalId); break;
                case "phone": member.Phone = MemberDraft.CheckPhone(input, "member.phone", changes.Phone); break;
                case "address": member.Address = input.Text("member.address", changes.Address, 500, required: false); break;
                case "volunteer": member.Volunteer = changes.Volunteer; break;
            }
        }

        input.ThrowIfInvalid();
        if (member.BirthDate > member.JoinedDate)
        {
            throw new ValidationFailedException("member.birth_date", "must not be after the joined date");
        }
    }
}
