using RedCross.Contracts.Events.Awards;

namespace RedCross.Awards.Domain;

/// <summary>The integration events awards publishes, built in one place: ids, units, kinds, dates and cash; the
/// recipient only by kind and unit (no ids, names or references of people).</summary>
internal static class IntegrationEvents
{
    public static NominationSubmitted Submitted(Nomination n, Issuer issuer, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, n.OrgUnitCode, n.Id, issuer.Code, issuer.Kind, issuer.OrgUnitCode, n.FormKind, n.RecipientKind,
        n.Movement, n.Year, n.SubmittedOn!.Value);

    public static CommendationApproved Approved(Nomination n, Issuer issuer, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, n.OrgUnitCode, n.Id, issuer.Code, issuer.Kind, issuer.OrgUnitCode, n.FormKind, n.RecipientKind,
        n.Movement, n.Year, n.DecisionDate!.Value, n.CashVnd);

    public static CommendationRevoked Revoked(Nomination n, Issuer issuer, DateTimeOffset now) => new(
        Guid.CreateVersion7(), now, n.OrgUnitCode, n.Id, issuer.Code, issuer.Kind, issuer.OrgUnitCode, n.FormKind, n.RecipientKind,
        n.Movement, n.Year, n.DecisionDate!.Value, n.CashVnd, n.RevokedOn!.Value);
}
