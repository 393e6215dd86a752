using RedCross.Reporting.Domain;

namespace RedCross.Reporting.Reports;

/// <summary>A commendation's movement (phong trào) as the report writes it.</summary>
internal static class MovementLabel
{
    /// <summary>The label in the report's language; "–" for a line counted before movements were kept, the code itself
    /// for a movement this version does not know.</summary>
    public static string Of(string code, string language)
    {
        if (code.Length == 0)
        {
            return "–";
        }

        var movement = Indicators.MovementKinds.FirstOrDefault(m => m.Kind == code);
        return movement.Kind is null ? code : language == Figures.Vietnamese ? movement.Vi : movement.En;
    }
}
