using RedCross.ServiceDefaults.Errors;

namespace RedCross.Awards.Domain;

/// <summary>Blood-donor recognition nominated in bulk: each candidate donor proposed for each tier it is due, at most
/// <see cref="MaxNominationsPerCall"/> in one call.</summary>
internal static class Recognition
{
    /// <summary>Most nominations one call makes; a larger subtree is nominated unit by unit, so one call's transaction
    /// (which holds the module's write lock) stays short.</summary>
    public const int MaxNominationsPerCall = 2000;

    public const string TooManyCandidates = "TOO_MANY_CANDIDATES";

    public static void EnsureFewEnough(int nominations)
    {
        if (nominations > MaxNominationsPerCall)
        {
            throw new RuleViolationException(TooManyCandidates,
                $"More than {MaxNominationsPerCall} nominations at once: nominate a smaller unit or name the donors.");
        }
    }

    /// <summary>A draft to <paramref name="issuer"/> for <paramref name="donor"/>, for the form of <paramref name="tier"/>
    /// and remembering it (<see cref="Nomination.Propose"/> checks the donor's unit is in the issuer's area).</summary>
    public static Nomination Propose(Issuer issuer, RecognitionTier tier, DonorTally donor, int year, string proposerCode, string by)
    {
        var nomination = Nomination.Propose(issuer, tier.FormKind, (RecipientKinds.Donor, donor.DonorId.ToString(), null),
            donor.OrgUnitCode, donor.OrgUnitPath, "blood_donation", year, proposerCode, by);
        nomination.RecognitionTierId = tier.Id;
        return nomination;
    }
}
