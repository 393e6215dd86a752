using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Awards.Domain;

/// <summary>The same recipient cannot hold the same form from the same issuer for the same year twice. Checked inside
/// the write transaction (<c>AwardsQueries.StandingExistsAsync</c> reads the others under the write lock; a unique index on
/// standing nominations backs it), so two officers cannot both pass it. Rejected and revoked ones hold no place.</summary>
internal static class DuplicateAward
{
    public static void Ensure(Nomination candidate, bool anotherStanding)
    {
        if (anotherStanding)
        {
            throw new ResourceConflictException("nomination.recipient",
                $"The recipient already holds or is proposed for {candidate.FormKind} from {candidate.IssuerCode} for {candidate.Year}.");
        }
    }
}

/// <summary>Only a principal acting for the issuer decides: its `org` is the issuer's unit (so its level is the
/// issuer's), or the whole tree for the central Red Cross. Checked after <see cref="Permission.DecideAwards"/>.</summary>
internal static class ActingForIssuer
{
    public const string NotActing = "NOT_ACTING_FOR_ISSUER";

    public static void Ensure(Caller caller, Issuer issuer)
    {
        caller.EnsureCan(Permission.DecideAwards);
        var acts = issuer.Level == IssuerKinds.Central ? caller.Level == UnitLevels.Root : caller.OrgPath == issuer.OrgUnitPath;
        if (!acts)
        {
            throw new AccessDeniedException($"Only a principal acting for {issuer.Code} ({issuer.Level} level) decides its awards.", NotActing);
        }
    }
}
