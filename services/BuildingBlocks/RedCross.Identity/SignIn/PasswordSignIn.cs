using Microsoft.EntityFrameworkCore;
using RedCross.Identity.Accounts;
using RedCross.Identity.Data;

namespace RedCross.Identity.SignIn;

/// <summary>Checks a username and password for a sign-in page, moves the account's lockout counters and records the
/// attempt in the sign-in trail, all in one save. An unknown name costs the same hash as a known one, so the time taken
/// does not tell which names exist.</summary>
internal sealed class PasswordSignIn(IdentityDb db, TimeProvider time)
{
    private static readonly Account Nobody = new()
    {
        Username = "-", Subject = "-", DisplayName = "-", Role = "-", OrgPath = "-", PasswordHash = string.Empty, CreatedAt = default, CreatedBy = "-",
    };

    private static readonly string NobodysHash = SignInRules.Hash(Nobody, Guid.NewGuid().ToString());

    public async Task<(Account? Account, string Outcome)> CheckAsync(string? username, string? password, string? clientId, CancellationToken ct)
    {
        var name = (username ?? string.Empty).Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        var account = name.Length is > 0 and <= 64 ? await db.Accounts.SingleOrDefaultAsync(a => a.Username == name, ct) : null;
        string outcome;
        if (account is null)
        {
            SignInRules.Check(new Account
            {
                Username = Nobody.Username, Subject = Nobody.Subject, DisplayName = Nobody.DisplayName, Role = Nobody.Role, OrgPath = Nobody.OrgPath,
                PasswordHash = NobodysHash, CreatedAt = Nobody.CreatedAt, CreatedBy = Nobody.CreatedBy,
            }, password ?? string.Empty, now);
            outcome = SignInRules.UnknownAccount;
        }
        else
        {
            outcome = SignInRules.Check(account, password ?? string.Empty, now);
        }

        db.SignIns.Add(new SignInRecord { Username = name.Length > 64 ? name[..64] : name, At = now, Method = "password", Outcome = outcome, ClientId = clientId });
        await db.SaveChangesAsync(ct);
        return (outcome == SignInRules.Ok ? account : null, outcome);
    }

    /// <summary>What the page says: never which of name or password was wrong.</summary>
    public static string Explain(string outcome) => outcome switch
    {
        SignInRules.LockedOut => "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau ít phút. / The account is locked after too many wrong passwords; try again in a few minutes.",
        SignInRules.Disabled => "Tài khoản đã bị vô hiệu hóa. / The account is disabled.",
        _ => "Tên đăng nhập hoặc mật khẩu không đúng. / Wrong username or password.",
    };
}
