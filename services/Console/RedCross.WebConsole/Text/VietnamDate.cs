namespace RedCross.WebConsole.Text;

/// <summary>Vietnam's calendar day (UTC+7, no daylight saving): a form's default date and year are the office's,
/// whatever the server's clock zone.</summary>
internal static class VietnamDate
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
}
