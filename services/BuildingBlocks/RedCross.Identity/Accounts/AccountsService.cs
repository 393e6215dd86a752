using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Identity.V1;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;
using AccountMessage = RedCross.Contracts.Identity.V1.Account;

namespace RedCross.Identity.Accounts;

/// <summary>People's accounts: the first province admin by the setup code, then province admins manage accounts in
/// their subtree. Each write is one transaction; the password never leaves as more than its hash.</summary>
internal sealed class AccountsService(IdentityDb db, SetupCode setup, TimeProvider time) : Contracts.Identity.V1.Accounts.AccountsBase
{
    public const string AlreadySetUp = "ALREADY_SET_UP";
    public const string WrongSetupCode = "WRONG_SETUP_CODE";

    [AllowAnonymous]
    public override async Task<AccountMessage> CreateFirstAdmin(CreateFirstAdminRequest request, ServerCallContext context)
    {
        var wanted = AccountRules.Validate(request.Username, request.DisplayName, Roles.ProvinceAdmin, request.OrgPath, request.Password);
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Accounts.AnyAsync(ct))
        {
            throw new RuleViolationException(AlreadySetUp, "This deployment has accounts already: a province admin creates the next ones.");
        }

        if (!setup.TryUse(request.SetupCode))
        {
            throw new AccessDeniedException("The setup code is wrong or was used; the identity prints a new one when it restarts with no account.", WrongSetupCode);
        }

        var account = await AddAsync(wanted, "setup", ct);
        db.SignIns.Add(new SignInRecord { Username = account.Username, At = time.GetUtcNow(), Method = "setup", Outcome = SignInRules.Ok });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ToProto(account);
    }

    public override async Task<AccountMessage> CreateAccount(CreateAccountRequest request, ServerCallContext context)
    {
        var caller = Authorised(context);
        var wanted = AccountRules.Validate(request.Username, request.DisplayName, request.Role, request.OrgPath, request.Password);
        caller.EnsureCanSee(wanted.OrgPath == "/" ? string.Empty : wanted.OrgPath);
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await AddAsync(wanted, caller.Subject, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ToProto(account);
    }

    public override async Task<ListAccountsResponse> ListAccounts(ListAccountsRequest request, ServerCallContext context)
    {
        var caller = Authorised(context);
        var input = new Input();
        var pageSize = input.PageSize(request.PageSize);
        var after = input.PageToken(request.PageToken);
        input.ThrowIfInvalid();

        var query = OrgPath.Within(db.Accounts.AsNoTracking(), a => a.OrgPath, caller.Subtree);

        if (after is not null)
        {
            query = query.Where(a => string.Compare(a.Username, after) > 0);
        }

        var page = await query.OrderBy(a => a.Username).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListAccountsResponse { Accounts = { page.Take(pageSize).Select(ToProto) } };
        if (page.Count > pageSize)
        {
            response.NextPageToken = Input.EncodePageToken(page[pageSize - 1].Username);
        }

        return response;
    }

    public override async Task<AccountMessage> DisableAccount(DisableAccountRequest request, ServerCallContext context)
    {
        var account = await FindAsync(Authorised(context), request.Username, context.CancellationToken);
        account.DisabledAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(account);
    }

    public override async Task<AccountMessage> ResetPassword(ResetPasswordRequest request, ServerCallContext context)
    {
        var caller = Authorised(context);
        var input = new Input();
        AccountRules.Password(input, "new_password", request.NewPassword);
        input.ThrowIfInvalid();
        var account = await FindAsync(caller, request.Username, context.CancellationToken);
        account.PasswordHash = SignInRules.Hash(account, request.NewPassword);
        (account.FailedSignIns, account.LockedUntil) = (0, null);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(account);
    }

    private async Task<Data.Account> AddAsync(AccountRules.NewAccount wanted, string createdBy, CancellationToken ct)
    {
        if (await db.Accounts.AnyAsync(a => a.Username == wanted.Username, ct))
        {
            throw new ResourceConflictException("username", $"An account named '{wanted.Username}' exists already (names of disabled accounts are not reused).");
        }

        var account = new Data.Account
        {
            Username = wanted.Username,
            Subject = Guid.CreateVersion7().ToString(),
            DisplayName = wanted.DisplayName,
            Role = wanted.Role,
            OrgPath = wanted.OrgPath,
            PasswordHash = string.Empty,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        account.PasswordHash = SignInRules.Hash(account, wanted.Password);
        db.Accounts.Add(account);
        return account;
    }

    /// <summary>An account outside the caller's subtree is reported as absent: its existence is not the caller's business.</summary>
    private async Task<Data.Account> FindAsync(Caller caller, string username, CancellationToken ct)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Username == username.Trim(), ct);
        return account is not null && caller.CanSee(account.OrgPath == "/" ? string.Empty : account.OrgPath)
            ? account
            : throw new ResourceNotFoundException("account", username, "username");
    }

    private static Caller Authorised(ServerCallContext context)
    {
        var caller = Caller.From(context);
        caller.EnsureCan(Permission.Admin);
        return caller;
    }

    private static AccountMessage ToProto(Data.Account account)
    {
        var message = new AccountMessage
        {
            Username = account.Username,
            DisplayName = account.DisplayName,
            Role = account.Role,
            OrgPath = account.OrgPath,
            CreateTime = Timestamp.FromDateTimeOffset(account.CreatedAt),
            CreatedBy = account.CreatedBy,
        };
        if (account.DisabledAt is { } disabled)
        {
            message.DisableTime = Timestamp.FromDateTimeOffset(disabled);
        }

        if (account.LockedUntil is { } locked)
        {
            message.LockedUntil = Timestamp.FromDateTimeOffset(locked);
        }

        return message;
    }
}
