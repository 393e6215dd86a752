using Microsoft.EntityFrameworkCore;
using RedCross.Awards.Domain;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

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

    /// <summary>An issuer the caller may use: acting in its subtree, above it, or the central Red Cross. Issuers are
    /// named by code, not id, so this is not <c>Resources.RequireAsync</c>; the order of refusals is the same.</summary>
    public static async Task<Issuer> RequireIssuerAsync(AwardsDb db, string code, string field, Caller caller, CancellationToken ct)
    {
        var issuer = await db.Issuers.AsNoTracking().Include(x => x.Forms).FirstOrDefaultAsync(x => x.Code == code, ct)
            ?? throw new ResourceNotFoundException("Issuer", code, field);
        if (issuer.OrgUnitPath.Length > 0 && !caller.CanLocate(issuer.OrgUnitPath))
        {
            throw new AccessDeniedException($"Issuer '{code}' acts outside the caller's scope.");
        }

        return issuer;
    }

    /// <summary>The issuers of <paramref name="codes"/> by code, each as <see cref="RequireIssuerAsync"/> finds it, in
    /// the order first named.</summary>
    public static async Task<Dictionary<string, Issuer>> RequireIssuersAsync(AwardsDb db, IEnumerable<string> codes, string field, Caller caller, CancellationToken ct)
    {
        var issuers = new Dictionary<string, Issuer>();
        foreach (var code in codes.Distinct())
        {
            issuers[code] = await RequireIssuerAsync(db, code, field, caller, ct);
        }

        return issuers;
    }
}
