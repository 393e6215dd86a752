using Microsoft.AspNetCore.Identity;
using RedCross.Identity.Data;

namespace RedCross.Identity.Accounts;

/// <summary>Passwords are checked with ASP.NET Core Identity's hasher at its default work factor, and held to its
/// default lockout: <see cref="LockoutOptions.MaxFailedAccessAttempts"/> wrong passwords in a row lock the account for
/// <see cref="LockoutOptions.DefaultLockoutTimeSpan"/>. A disabled account never signs in.</summary>
internal static class SignInRules
{
    public const string Ok = "ok";
    public const string WrongPassword = "wrong_password";
    public const string LockedOut = "locked_out";
    public const string Disabled = "disabled";
    public const string UnknownAccount = "unknown_account";

    /// <summary>At least this long; a pass phrase is better than a clever word.</summary>
    public const int MinPasswordLength = 10;

    private static readonly LockoutOptions Lockout = new();
    private static readonly PasswordHasher<Account> Hasher = new();

    public static string Hash(Account account, string password) => Hasher.HashPassword(account, password);

    /// <summary>Checks a password and moves the account's counters; returns the outcome to record.</summary>
    public static string Check(Account account, string password, DateTimeOffset now)
    {
        if (account.DisabledAt is not null)
        {
            return Disabled;
        }

        if (account.LockedUntil > now)
        {
            return LockedOut;
        }

        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= Lockout.MaxFailedAccessAttempts)
            {
                account.LockedUntil = now + Lockout.DefaultLockoutTimeSpan;
                account.FailedSignIns = 0;
                return LockedOut;
            }

            return WrongPassword;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hash(account, password);
        }

        account.FailedSignIns = 0;
        account.LockedUntil = null;
        return Ok;
    }

    /// <summary>Whether a signed-in person may go on (a refresh token used): not disabled, not locked out.</summary>
    public static string MayContinue(Account? account, DateTimeOffset now) =>
        account is null ? UnknownAccount : account.DisabledAt is not null ? Disabled : account.LockedUntil > now ? LockedOut : Ok;
}
