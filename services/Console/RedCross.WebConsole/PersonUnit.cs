using System.Security.Claims;
using RedCross.ServiceDefaults.Security;

namespace RedCross.WebConsole;

/// <summary>The signed-in person's unit, from the `org` claim (a path such as "06/058"): its code is the last part.</summary>
internal static class PersonUnit
{
    public static string Path(ClaimsPrincipal person) => person.FindFirst(CallerClaims.Org)?.Value ?? string.Empty;

    public static string Code(ClaimsPrincipal person) => Path(person).Split('/')[^1];
}
