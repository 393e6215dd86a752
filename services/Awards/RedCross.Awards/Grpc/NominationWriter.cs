using RedCross.Awards.Data;
using RedCross.Awards.Domain;
using RedCross.Messaging;

namespace RedCross.Awards.Grpc;

/// <summary>Adds nominations, for single creates and for candidates nominated in bulk alike.</summary>
internal sealed class NominationWriter(TimeProvider clock)
{
    /// <summary>Inside the write transaction: the recipient (in the issuer's area, <see cref="Nomination.Propose"/>) must
    /// hold no standing nomination for the issuer, form and year; then stored, and submitted (with its event) when asked.
    /// <paramref name="db"/> is the unit's own context.</summary>
    public async Task AddAsync(AwardsDb db, Nomination nomination, Domain.Issuer issuer, DateOnly? submitOn, CancellationToken ct)
    {
        DuplicateAward.Ensure(nomination, await AwardsQueries.StandingExistsAsync(db, nomination, ct));
        db.Nominations.Add(nomination);
        if (submitOn is { } on)
        {
            nomination.Submit(on);
            db.AddEvent(IntegrationEvents.Submitted(nomination, issuer, clock.GetUtcNow()));
        }
    }
}
