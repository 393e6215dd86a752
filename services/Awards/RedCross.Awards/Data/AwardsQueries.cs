using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Domain;

namespace RedCross.Awards.Data;

/// <summary>Reads the awards rules need inside the write transaction.</summary>
internal static class AwardsQueries
{
    /// <summary>Whether another standing nomination holds the candidate's recipient, issuer, form and year (for <see cref="DuplicateAward"/>).</summary>
    public static Task<bool> StandingExistsAsync(AwardsDb db, Nomination candidate, CancellationToken ct)
    {
        var standing = Nomination.Standing;
        return db.Nominations.AnyAsync(n => n.IssuerCode == candidate.IssuerCode && n.FormKind == candidate.FormKind && n.Year == candidate.Year
            && n.RecipientKey == candidate.RecipientKey && standing.Contains(n.Status) && n.Id != candidate.Id, ct);
    }
}
