using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RedCross.Membership.Data;
using Xunit;

namespace RedCross.Membership.Tests;

/// <summary>Moving the audit trail to the shared building block keeps every entry membership wrote before it.</summary>
public sealed class AuditMigrationTests
{
    [Fact]
    public async Task Entries_written_before_the_shared_trail_survive_as_member_entries_and_stay_append_only()
    {
        var file = Path.Combine(Path.GetTempPath(), $"audit-migration-{Guid.NewGuid():N}.db");
        try
        {
            var memberId = Guid.NewGuid();
            await using (var db = Open(file))
            {
                await db.GetService<IMigrator>().MigrateAsync("DatedUnitNames");
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO audit_entries (At, Subject, Role, Method, MemberId, OrgUnitPath, Action, Fields) " +
                    "VALUES ('2026-11-01 08:00:00+00:00', 'officer', 'district_officer', '/redcross.membership.v1.Members/GetMember', {0}, '06/058', 'read', 'full_name')",
                    memberId.ToString().ToUpperInvariant());
                await db.Database.MigrateAsync();
            }

            await using (var db = Open(file))
            {
                var entry = await db.AuditEntries.AsNoTracking().SingleAsync();
                Assert.Equal(("member", memberId, "officer", "full_name"), (entry.RecordKind, entry.RecordId, entry.Subject, entry.Fields));
                await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET Subject = 'someone else'"));
                await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static MembershipDb Open(string file) =>
        new(new DbContextOptionsBuilder<MembershipDb>().UseSqlite($"Data Source={file}").Options);
}
