using System.Security.Cryptography;
using System.Text;

namespace RedCross.Identity.Accounts;

/// <summary>The one-time code that creates the first province admin of an empty deployment. Made at start while no
/// account exists and printed to the host's log (whoever reads the console of the machine or pod may set it up; nobody
/// over the network can guess it), held only in memory: a restart prints a new one, and the first admin uses it up.</summary>
internal sealed class SetupCode
{
    // Crockford-like alphabet: no 0/O or 1/I/L to misread on a screen.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private readonly Lock gate = new();
    private string? code;

    /// <summary>Makes a new code: two groups of four, about 40 bits.</summary>
    public string Issue()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 8);
        var made = new string(chars, 0, 4) + "-" + new string(chars, 4, 4);
        lock (gate)
        {
            code = made;
        }

        return made;
    }

    /// <summary>True once, for the code issued last (case, spaces and dashes aside); compared in constant time.</summary>
    public bool TryUse(string candidate)
    {
        var given = Encoding.ASCII.GetBytes(new string([.. candidate.ToUpperInvariant().Where(char.IsLetterOrDigit)]));
        lock (gate)
        {
            if (code is null)
            {
                return false;
            }

            var expected = Encoding.ASCII.GetBytes(code.Replace("-", string.Empty, StringComparison.Ordinal));
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return false;
            }

            code = null;
            return true;
        }
    }
}
