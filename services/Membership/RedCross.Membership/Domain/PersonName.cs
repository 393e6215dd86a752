using System.Globalization;
using System.Text;
using RedCross.ServiceDefaults.Text;

namespace RedCross.Membership.Domain;

/// <summary>Vietnamese names: a search key without diacritics or case ("nguyen thi" finds "Nguyễn Thị"),
/// and a sort key that orders by given name (the last word), then middle and family names, with
/// Vietnamese collation (Đ after D, ă â after a, tones after the base letter).</summary>
internal static class PersonName
{
    // Base letters in Vietnamese alphabetical order; f j w z are kept for foreign names.
    private const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    public static string SearchKey(string text) => SearchText.Key(text);

    public static string SortKey(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ordered = words.Length <= 1 ? words : [words[^1], .. words[1..^1], words[0]];
        var key = new StringBuilder(fullName.Length * 3);
        var tones = new StringBuilder();
        foreach (var word in ordered)
        {
            // Per word: base letters, then tones, so "An" < "Anh" < "Ánh" < "Ân" before the next word counts.
            tones.Clear();
            var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
            for (var i = 0; i < decomposed.Length;)
            {
                var letter = decomposed[i++];
                var tone = 0;
                while (i < decomposed.Length && CharUnicodeInfo.GetUnicodeCategory(decomposed[i]) == UnicodeCategory.NonSpacingMark)
                {
                    switch (decomposed[i++])
                    {
                        case '\u0306': letter = 'ă'; break; // breve
                        case '\u0302': letter = letter switch { 'a' => 'â', 'e' => 'ê', 'o' => 'ô', _ => letter }; break;
                        case '\u031B': letter = letter switch { 'o' => 'ơ', 'u' => 'ư', _ => letter }; break; // horn
                        case '\u0300': tone = 1; break; // huyền
                        case '\u0309': tone = 2; break; // hỏi
                        case '\u0303': tone = 3; break; // ngã
                        case '\u0301': tone = 4; break; // sắc
                        case '\u0323': tone = 5; break; // nặng
                    }
                }

                var rank = Alphabet.IndexOf(letter, StringComparison.Ordinal);
                // Anything that is not a letter (hyphen, apostrophe) sorts after the letters.
                key.Append((char)('0' + (rank < 0 ? Alphabet.Length + 1 : rank + 1)));
                tones.Append((char)('0' + tone));
            }

            key.Append('!').Append(tones).Append(' ');
        }

        return key.ToString();
    }
}
