using Microsoft.EntityFrameworkCore;
using RedCross.ServiceDefaults.Security;
using Xunit;

namespace RedCross.Messaging.Tests;

/// <summary><see cref="OrgPath.InQuery{T}"/>: the subtree test with a column as the scope, run by SQLite itself (EF Core
/// refuses a filter it cannot translate, so a passing query is one the database ran), and agreeing with
/// <see cref="OrgPath.IsWithin"/>.</summary>
public sealed class OrgPathQueryTests : IDisposable
{
    private static readonly string[] Paths = ["06", "06/058", "06/058/01834", "06/0581", "060", "07/058"];

    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_path_is_within_a_scope_column_as_IsWithin_says()
    {
        using (var db = database.NewContext())
        {
            // Records carry the paths, effects the scopes: one row each, so a match names its pair.
            db.Records.AddRange(Paths.Select(p => new Record { Id = Guid.NewGuid(), Note = p }));
            db.Effects.AddRange(Paths.Select((p, i) => new Effect { Id = i + 1, Note = p }));
            await db.SaveChangesAsync();
        }

        using var read = database.NewContext();
        foreach (var scope in Paths)
        {
            var found = await read.Records.Where(OrgPath.InQuery<Record>(r =>
                    read.Effects.Any(e => e.Note == scope && OrgPath.IsWithin(r.Note!, e.Note))))
                .Select(r => r.Note!).ToListAsync();
            Assert.Equal(Paths.Where(p => OrgPath.IsWithin(p, scope)).Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_database_runs_the_test_as_an_equality_or_a_prefix()
    {
        using var db = database.NewContext();
        var sql = db.Records.Where(OrgPath.InQuery<Record>(r => db.Effects.Any(e => OrgPath.IsWithin(r.Note!, e.Note)))).ToQueryString();
        Assert.Contains("'/'", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("IsWithin", sql, StringComparison.Ordinal);
    }
}
