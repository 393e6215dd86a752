using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Membership.Domain;
using RedCross.Messaging;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Membership.Grpc;

/// <summary>Get, List and Void, the same for every recorded fact: read in the caller's subtree, paged by id
/// (UUIDv7, so oldest first), and voided under the write lock with the event that un-counts it.</summary>
internal static class Facts
{
    public static async Task<T> GetAsync<T>(MembershipDb db, IQueryable<T> facts, string resource, Input input, string? rawId, Caller caller, CancellationToken ct)
        where T : RecordedFact
    {
        caller.EnsureCan(Permission.ReadActivities);
        var id = input.Id("id", rawId);
        input.ThrowIfInvalid();
        return await FindInScopeAsync(db, facts.AsNoTracking(), resource, id!.Value, caller, ct);
    }

    /// <summary>One page of <paramref name="facts"/> (already filtered by the caller's filters) in the scope:
    /// <paramref name="orgUnit"/>'s subtree when given (inside the caller's), else the caller's subtree.</summary>
    public static async Task<(List<T> Page, string NextPageToken)> ListAsync<T>(
        MembershipDb db, IQueryable<T> facts, Input input, string? orgUnit, int rawPageSize, string? rawPageToken, Caller caller, CancellationToken ct)
        where T : RecordedFact
    {
        caller.EnsureCan(Permission.ReadActivities);
        var pageSize = input.PageSize(rawPageSize);
        var token = input.PageToken(rawPageToken);
        Guid? after = null;
        if (token is not null)
        {
            after = Guid.TryParse(token, out var last) ? last : null;
            if (after is null)
            {
                input.Fail("page_token", "is not a token this service issued");
            }
        }

        input.ThrowIfInvalid();
        var query = facts.AsNoTracking();
        if (await UnitsInScopeAsync(db, orgUnit, caller, ct) is { } units)
        {
            query = query.Where(f => units.Contains(f.OrgUnitCode));
        }

        if (after is { } a)
        {
            query = query.Where(f => f.Id.CompareTo(a) > 0);
        }

        var page = await query.OrderBy(f => f.Id).Take(pageSize + 1).ToListAsync(ct);
        var next = page.Count > pageSize ? Input.EncodePageToken(page[pageSize - 1].Id.ToString()) : string.Empty;
        return (page.Take(pageSize).ToList(), next);
    }

    /// <summary>Codes of the units a list covers: <paramref name="orgUnit"/>'s subtree when given (it must be inside the
    /// caller's), else the caller's subtree; null when that is the whole tree.</summary>
    public static async Task<IQueryable<string>?> UnitsInScopeAsync(MembershipDb db, string? orgUnit, Caller caller, CancellationToken ct)
    {
        var scope = await db.ListScopeAsync(orgUnit, caller, ct);
        return scope is null ? null : OrgPath.Within(db.OrgUnits, u => u.Path, scope).Select(u => u.Code);
    }

    /// <summary>Marks the fact voided and stores <paramref name="voided"/>'s event (null when reporting never counted
    /// the fact) in one transaction; the fact is read through the unit's own context.</summary>
    public static async Task<T> VoidAsync<T>(
        MembershipDb db, string resource, VoidRecordRequest request, Caller caller, TimeProvider clock,
        Func<T, DateTimeOffset, IIntegrationEvent?> voided, CancellationToken ct)
        where T : RecordedFact
    {
        caller.EnsureCan(Permission.WriteActivities);
        var input = new Input(clock.VietnamToday());
        var id = input.Id("id", request.Id);
        var reason = input.Text("reason", request.Reason, 500);
        input.ThrowIfInvalid();

        return await db.WriteAsync(async (db, ct) =>
        {
            var fact = await FindInScopeAsync(db, db.Set<T>(), resource, id!.Value, caller, ct);
            var now = clock.GetUtcNow();
            fact.Void(caller.Subject, now, reason!);
            if (voided(fact, now) is { } evt)
            {
                db.AddEvent(evt);
            }

            return fact;
        }, ct);
    }

    private static async Task<T> FindInScopeAsync<T>(MembershipDb db, IQueryable<T> facts, string resource, Guid id, Caller caller, CancellationToken ct)
        where T : RecordedFact
    {
        var fact = await facts.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new ResourceNotFoundException(resource, id.ToString(), "id");
        await db.UnitAsync(fact.OrgUnitCode, "id", caller, ct);
        return fact;
    }
}
