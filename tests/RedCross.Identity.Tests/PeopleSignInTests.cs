using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using RedCross.Contracts.Identity.V1;
using RedCross.Contracts.Membership.V1;
using RedCross.Identity.Accounts;
using RedCross.Identity.Data;
using RedCross.ServiceDefaults.Security;
using RedCross.Testing;
using Xunit;

namespace RedCross.Identity.Tests;

/// <summary>A monolith whose identity knows a browser application with a loopback redirect URI.</summary>
public sealed class PeopleIdentityFactory : HostFactory<Program>
{
    public const string App = "test-app";
    public const string Redirect = "http://127.0.0.1:9/callback";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting($"Identity:Apps:{App}:RedirectUris:0", Redirect);
    }

    public Contracts.Identity.V1.Accounts.AccountsClient Accounts(string? token) => new(Channel(token));

    public SignInFlows Flows() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>An account made by the province admin of 06, with a unique name.</summary>
    public async Task<(string Username, string Password)> Officer(string role = Roles.DistrictOfficer, string org = "06/058")
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..10];
        const string password = "mật khẩu dài đủ 10";
        await Accounts(Tokens.ProvinceAdmin).CreateAccountAsync(new CreateAccountRequest { Username = username, DisplayName = "Cán Bộ Thử", Role = role, OrgPath = org, Password = password });
        return (username, password);
    }

    internal Task<T> WithDb<T>(Func<IdentityDb, Task<T>> read)
    {
        var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<IdentityDb>()).ContinueWith(t => { scope.Dispose(); return t.Result; }, TaskScheduler.Default);
    }
}

/// <summary>People sign in as themselves: accounts by province admins (the first by the setup code), the browser's
/// authorization code with PKCE, `rc`'s device authorization, refresh tokens replaced at each use, lockout after five
/// wrong passwords, and a disabled account's refresh token refused. Every attempt lands in the sign-in trail.</summary>
public sealed class PeopleSignInTests(PeopleIdentityFactory factory) : IClassFixture<PeopleIdentityFactory>
{
    [Fact]
    public async Task An_officer_signs_in_in_a_browser_acts_in_the_district_only_and_the_token_lives_15_minutes()
    {
        var (username, password) = await factory.Officer();

        var (tokens, refused) = await factory.Flows().AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, password);

        Assert.Null(refused);
        var jwt = new JsonWebToken(tokens!.AccessToken);
        Assert.Equal((Roles.DistrictOfficer, "06/058", username), (jwt.GetClaim(CallerClaims.Role).Value, jwt.GetClaim(CallerClaims.Org).Value, jwt.GetClaim("preferred_username").Value));
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
        Assert.NotNull(tokens.RefreshToken);
        var members = new Members.MembersClient(factory.Channel(tokens.AccessToken));
        await members.ListMembersAsync(new ListMembersRequest { OrgUnit = "058" });
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => members.ListMembersAsync(new ListMembersRequest { OrgUnit = "060" }).ResponseAsync);
    }

    [Fact]
    public async Task A_refresh_token_is_replaced_at_each_use_and_the_used_one_is_refused()
    {
        var (username, password) = await factory.Officer();
        var flows = factory.Flows();
        var (first, _) = await flows.AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, password);

        var second = await flows.Refresh(first!.RefreshToken!, PeopleIdentityFactory.App);
        var replayed = await flows.Refresh(first.RefreshToken!, PeopleIdentityFactory.App);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal("invalid_grant", replayed.Error);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_a_reset_lifts_it()
    {
        var (username, password) = await factory.Officer();
        var flows = factory.Flows();
        for (var i = 0; i < 5; i++)
        {
            var (wrong, page) = await flows.AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, "sai mật khẩu " + i);
            Assert.Null(wrong);
            Assert.Contains(i < 4 ? "Wrong username or password" : "locked", page, StringComparison.Ordinal);
        }

        var (right, lockedPage) = await flows.AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, password);
        Assert.Null(right);
        Assert.Contains("locked", lockedPage, StringComparison.Ordinal);
        var trail = await factory.WithDb(db => db.SignIns.Where(s => s.Username == username).OrderBy(s => s.Id).Select(s => s.Outcome).ToListAsync());
        Assert.Equal([.. Enumerable.Repeat(SignInRules.WrongPassword, 4), SignInRules.LockedOut, SignInRules.LockedOut], trail);

        var reset = await factory.Accounts(factory.Tokens.ProvinceAdmin).ResetPasswordAsync(new ResetPasswordRequest { Username = username, NewPassword = "một mật khẩu mới dài" });
        Assert.Null(reset.LockedUntil);
        Assert.NotNull((await flows.AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, "một mật khẩu mới dài")).Tokens);
    }

    [Fact]
    public async Task A_disabled_account_s_refresh_token_stops_working_and_it_cannot_sign_in()
    {
        var (username, password) = await factory.Officer();
        var flows = factory.Flows();
        var (tokens, _) = await flows.AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, password);

        var disabled = await factory.Accounts(factory.Tokens.ProvinceAdmin).DisableAccountAsync(new DisableAccountRequest { Username = username });

        Assert.NotNull(disabled.DisableTime);
        Assert.Equal("invalid_grant", (await flows.Refresh(tokens!.RefreshToken!, PeopleIdentityFactory.App)).Error);
        var (again, page) = await flows.AuthorizationCode(PeopleIdentityFactory.App, PeopleIdentityFactory.Redirect, username, password);
        Assert.Null(again);
        Assert.Contains("disabled", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rc_signs_in_by_device_authorization_once_the_person_approves_with_a_password()
    {
        var (username, password) = await factory.Officer(Roles.BranchOfficer, "06/058/01834");
        var flows = factory.Flows();
        var device = await flows.StartDevice();

        Assert.Equal("authorization_pending", (await flows.DeviceToken(device.DeviceCode)).Error);
        Assert.False(await flows.ApproveDevice(device.UserCode, username, "not the password"));
        Assert.True(await flows.ApproveDevice(device.UserCode, username, password));
        var tokens = await flows.DeviceToken(device.DeviceCode);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("06/058/01834", new JsonWebToken(tokens.AccessToken).GetClaim(CallerClaims.Org).Value);
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task Accounts_are_for_province_admins_within_their_subtree_and_bad_input_is_refused_by_field()
    {
        var admin = factory.Accounts(factory.Tokens.ProvinceAdmin);

        var fields = await RpcAssert.InvalidFields(() => admin.CreateAccountAsync(new CreateAccountRequest { Username = "X", DisplayName = "", Role = "partner", OrgPath = "06/058", Password = "short" }).ResponseAsync);
        Assert.Equal(["display_name", "password", "role", "username"], fields.Order());
        Assert.Contains("org_path", await RpcAssert.InvalidFields(() => admin.CreateAccountAsync(new CreateAccountRequest
        { Username = "district.admin", DisplayName = "A", Role = Roles.ProvinceAdmin, OrgPath = "06/058", Password = "đủ dài mười ký tự" }).ResponseAsync));
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => admin.CreateAccountAsync(new CreateAccountRequest
        { Username = "elsewhere", DisplayName = "A", Role = Roles.Viewer, OrgPath = "07", Password = "đủ dài mười ký tự" }).ResponseAsync));
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => factory.Accounts(factory.Tokens.DistrictOfficer058).ListAccountsAsync(new ListAccountsRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => factory.Accounts(null).ListAccountsAsync(new ListAccountsRequest()).ResponseAsync);
        var (username, _) = await factory.Officer();
        await RpcAssert.Fails(StatusCode.AlreadyExists, () => admin.CreateAccountAsync(new CreateAccountRequest { Username = username, DisplayName = "B", Role = Roles.Viewer, OrgPath = "06", Password = "đủ dài mười ký tự" }).ResponseAsync);
        var district = factory.Accounts(factory.Tokens.For(Roles.ProvinceAdmin, "07"));
        Assert.DoesNotContain((await district.ListAccountsAsync(new ListAccountsRequest())).Accounts, a => a.Username == username);
        await RpcAssert.Fails(StatusCode.NotFound, () => district.DisableAccountAsync(new DisableAccountRequest { Username = username }).ResponseAsync);
    }
}

/// <summary>An empty deployment: only the one-time setup code makes the first province admin.</summary>
public sealed class FirstAdminTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_setup_code_makes_the_first_province_admin_once_and_a_wrong_code_makes_nothing()
    {
        var accounts = new Contracts.Identity.V1.Accounts.AccountsClient(factory.Channel(null));
        var code = factory.Services.GetRequiredService<SetupCode>().Issue();
        CreateFirstAdminRequest Request(string setupCode) => new() { SetupCode = setupCode, Username = "admin", DisplayName = "Quản Trị", Password = "mật khẩu quản trị", OrgPath = "06" };

        Assert.Equal("WRONG_SETUP_CODE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => accounts.CreateFirstAdminAsync(Request("AAAA-BBBB")).ResponseAsync));
        var admin = await accounts.CreateFirstAdminAsync(Request(code.ToLowerInvariant()));
        var fresh = factory.Services.GetRequiredService<SetupCode>().Issue();

        Assert.Equal((Roles.ProvinceAdmin, "06", "setup"), (admin.Role, admin.OrgPath, admin.CreatedBy));
        Assert.Equal("ALREADY_SET_UP", await RpcAssert.Reason(StatusCode.FailedPrecondition, () => accounts.CreateFirstAdminAsync(Request(fresh)).ResponseAsync));
    }
}
