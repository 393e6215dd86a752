using System.Globalization;
using System.Text;

namespace RedCross.ServiceDefaults.Text;

/// <summary>Vietnamese text as search compares it: no diacritics, no case, single spaces ("nguyen thi" finds
/// "Nguyễn Thị"), and Đ as d. Every service that searches names keys them through here.</summary>
public static class SearchText
{
    public static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
