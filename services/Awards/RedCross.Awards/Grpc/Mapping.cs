using System.Globalization;
using RedCross.Awards.Domain;
using Proto = RedCross.Contracts.Awards.V1;

namespace RedCross.Awards.Grpc;

/// <summary>Domain ↔ contract mapping, in one place.</summary>
internal static class Mapping
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(this DateOnly? date) => date?.Iso() ?? string.Empty;

    public static Proto.Issuer ToProto(this Issuer i) => new()
    {
        Code = i.Code,
        Kind = i.Kind,
        OrgUnit = i.OrgUnitCode,
        Name = i.Name,
        Level = i.Level,
        Forms =
        {
            i.Forms.OrderBy(f => f.Kind, StringComparer.Ordinal).Select(f => new Proto.AwardForm
            {
                Kind = f.Kind, CashCollectiveVnd = f.CashCollectiveVnd, CashIndividualVnd = f.CashIndividualVnd,
            }),
        },
    };

    public static Proto.Nomination ToProto(this Nomination n) => new()
    {
        Id = n.Id.ToString(),
        IssuerCode = n.IssuerCode,
        FormKind = n.FormKind,
        Recipient = new Proto.Recipient
        {
            Kind = n.RecipientKind,
            Id = n.RecipientId ?? string.Empty,
            OrgUnit = n.OrgUnitCode,
            GroupName = n.GroupName ?? string.Empty,
        },
        Movement = n.Movement,
        Year = n.Year,
        ProposerOrgUnit = n.ProposerOrgUnitCode,
        Status = n.Status,
        SubmittedOn = n.SubmittedOn.Iso(),
        DecisionNumber = n.DecisionNumber ?? string.Empty,
        DecisionDate = n.DecisionDate.Iso(),
        CashVnd = n.CashVnd,
        Reason = n.Reason ?? string.Empty,
        RevokedOn = n.RevokedOn.Iso(),
        RecognitionTierId = n.RecognitionTierId?.ToString() ?? string.Empty,
        Etag = n.ETag,
    };

    public static Proto.RecognitionTier ToProto(this RecognitionTier t) => new()
    {
        Id = t.Id.ToString(),
        IssuerCode = t.IssuerCode,
        Province = t.ProvinceCode,
        MinDonations = t.MinDonations,
        FormKind = t.FormKind,
    };
}
