using System.Globalization;

namespace RedCross.WebConsole.Text;

/// <summary>Numbers as officers type them: `1.500.000`, `1,500,000` or `1500000` for whole counts and đồng; `55,5` or
/// `55.5` for kilograms. Parsed here so a typing slip is said beside the field before anything is sent.</summary>
internal static class Numbers
{
    /// <summary>A whole number (đồng, a count) typed as "1.500.000", "1 500 000", "1500000 đồng" or "1,500,000": the
    /// separators and the currency are only for reading. Empty is 0; null when it is not a whole number.</summary>
    public static long? Whole(string? typed)
    {
        var digits = new string((typed ?? string.Empty).Replace("đồng", string.Empty, StringComparison.OrdinalIgnoreCase)
            .Replace("đ", string.Empty, StringComparison.OrdinalIgnoreCase).Replace("VND", string.Empty, StringComparison.OrdinalIgnoreCase)
            .Where(c => c is not ('.' or ',' or ' ' or '\u00a0')).ToArray());
        return digits.Length == 0 ? 0 : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>A decimal with `,` or `.` as the decimal mark (kilograms); empty is 0; null when it is not a number.</summary>
    public static double? Decimal(string? typed)
    {
        var text = (typed ?? string.Empty).Trim().Replace(',', '.');
        return text.Length == 0 ? 0 : double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
