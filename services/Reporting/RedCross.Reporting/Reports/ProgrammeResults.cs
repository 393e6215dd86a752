using RedCross.Contracts.Reporting.V1;
using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>What a programme achieved, each figure with its own unit ("1.126 lượt khám, tư vấn; 412 lượt hiến máu,
/// 144.200 ml"): visits, sessions and donations are different things and are never summed into one number. A programme
/// with none of them (summer activities) reads "–".</summary>
internal static class ProgrammeResults
{
    public static string Of(ReportProgramme p, string language)
    {
        var vi = language == Figures.Vietnamese;
        var parts = new List<string>();
        if (p.Visits != 0)
        {
            parts.Add(Figures.Number(p.Visits, language) + (vi ? " lượt khám, tư vấn" : " visits"));
        }

        if (p.CommunicationSessions != 0)
        {
            parts.Add(Figures.Number(p.CommunicationSessions, language) + (vi ? " buổi truyền thông" : " communication sessions"));
        }

        if (p.BloodDonations != 0)
        {
            parts.Add(Figures.Number(p.BloodDonations, language) + (vi ? " lượt hiến máu, " : " blood donations, ")
                + Figures.Format(p.BloodVolumeMl, IndicatorUnit.Millilitre, language));
        }

        return parts.Count == 0 ? "–" : string.Join("; ", parts);
    }
}
