using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Membership.V1;
using RedCross.Membership.Data;
using RedCross.Messaging;
using RedCross.Testing;

namespace RedCross.Membership.Tests;

/// <summary>The membership host in-process on a fresh SQLite folder, with the Bắc Kạn reference tree.</summary>
public sealed class MembershipFactory : HostFactory<Program>
{
    public Members.MembersClient Members(string? token) => new(Channel(token));

    public OrgUnits.OrgUnitsClient OrgUnits(string? token) => new(Channel(token));

    public Dues.DuesClient Dues(string? token) => new(Channel(token));

    public Trainings.TrainingsClient Trainings(string? token) => new(Channel(token));

    public Welfare.WelfareClient Welfare(string? token) => new(Channel(token));

    public GrowthTargets.GrowthTargetsClient GrowthTargets(string? token) => new(Channel(token));

    /// <summary>Reads the database as it is once the read entries queued so far are written (they are batched).</summary>
    internal async Task<T> WithDb<T>(Func<MembershipDb, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditReads<MembershipDb>>().FlushAsync(CancellationToken.None);
        return await read(scope.ServiceProvider.GetRequiredService<MembershipDb>());
    }

    public Task<int> MemberCount() => WithDb(db => db.Members.CountAsync());

    public Task<int> OutboxCount() => WithDb(db => db.Set<OutboxMessage>().CountAsync());

    public static RegisterMemberRequest Valid(string unit = "01834", string? name = null) => new()
    {
        FullName = name ?? "Nguyễn Thị Hoa",
        BirthDate = "1985-04-12",
        Sex = "female",
        OrgUnit = unit,
        JoinedDate = "2013-03-01",
    };
}
