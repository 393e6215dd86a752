using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.System.Tests;

/// <summary>A fresh embedded deployment as a province would start it: the setup code from the monolith's output makes the
/// first province admin; the admin, signed in with `rc` by device authorization, adds a district officer; the officer
/// signs in with `rc` and in Chromium by authorization code with PKCE, records a member and is refused outside the
/// district; five wrong passwords lock an account; a disabled account's refresh token stops working.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private const string App = "browser-test";
    private readonly Monolith monolith = new("rc-signin-");

    private string Redirect => $"http://127.0.0.1:{monolith.HttpPort + 1}/callback";

    public Task InitializeAsync() =>
        monolith.StartAsync(new Dictionary<string, string> { [$"Identity__Apps__{App}__RedirectUris__0"] = Redirect });

    public async Task DisposeAsync() => await monolith.DisposeAsync();

    [Fact]
    public async Task From_the_setup_code_to_an_officer_signed_in_with_rc_and_in_a_browser_acting_in_the_district_only()
    {
        var setupCode = await Eventually.Until(() => Task.FromResult(SetupCode().Match(monolith.Log)), m => m.Success, what: "the setup code in the monolith's output");
        var setup = await Rc(["users", "setup", "--code", setupCode.Groups[1].Value, "--username", "admin", "--name", "Quản Trị Tỉnh", "--org", "06", "--password-stdin"], "mật khẩu quản trị tỉnh");
        Assert.True(setup.ExitCode == 0, setup.Output);
        Assert.NotEqual(0, (await Rc(["users", "setup", "--code", setupCode.Groups[1].Value, "--username", "second", "--name", "X", "--org", "06", "--password-stdin"], "mật khẩu thứ hai dài")).ExitCode);

        var adminSession = Path.Combine(monolith.Data, "admin");
        await RcLogin(adminSession, "admin", "mật khẩu quản trị tỉnh");
        var added = await Rc(["users", "add", "officer058", "--name", "Hoàng Văn Cán", "--role", "district_officer", "--org", "058", "--password-stdin", "--data", adminSession], "mật khẩu cán bộ huyện");
        Assert.True(added.ExitCode == 0, added.Output);

        // The officer with rc: a member in the district, none outside it.
        var officerSession = Path.Combine(monolith.Data, "officer");
        await RcLogin(officerSession, "officer058", "mật khẩu cán bộ huyện");
        var rcToken = (await Rc(["token", "--data", officerSession])).Output.Trim();
        var members = new Members.MembersClient(Channels.Local(monolith.GrpcPort, rcToken));
        Assert.NotEmpty((await members.RegisterMemberAsync(Member("Nông Thị Đăng Nhập", "01834"))).Id);
        Assert.Equal("OUT_OF_SCOPE", await RpcAssert.Reason(StatusCode.PermissionDenied, () => members.RegisterMemberAsync(Member("Ngoài Huyện", "060")).ResponseAsync));

        // The officer in Chromium: the identity's sign-in page, the code back at the app's loopback address.
        var browserToken = await SignInWithBrowser("officer058", "mật khẩu cán bộ huyện");
        var fromBrowser = new Members.MembersClient(Channels.Local(monolith.GrpcPort, browserToken.AccessToken!));
        Assert.NotEmpty((await fromBrowser.RegisterMemberAsync(Member("Lò Văn Trình Duyệt", "01837"))).Id);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => fromBrowser.ListMembersAsync(new ListMembersRequest { OrgUnit = "060" }).ResponseAsync);

        // Disabled: the refresh tokens of both sign-ins stop working.
        Assert.Equal(0, (await Rc(["users", "disable", "officer058", "--data", adminSession])).ExitCode);
        var flows = new SignInFlows(Identity());
        Assert.Equal("invalid_grant", (await flows.Refresh(browserToken.RefreshToken!, App)).Error);
        Assert.Equal("invalid_grant", (await flows.Refresh(SavedRefreshToken(officerSession), "rc")).Error);
    }

    [Fact]
    public async Task Five_wrong_passwords_in_the_browser_lock_the_account()
    {
        var setupCode = await Eventually.Until(() => Task.FromResult(SetupCode().Match(monolith.Log)), m => m.Success, what: "the setup code in the monolith's output");
        Assert.Equal(0, (await Rc(["users", "setup", "--code", setupCode.Groups[1].Value, "--username", "admin", "--name", "Quản Trị", "--org", "06", "--password-stdin"], "mật khẩu quản trị tỉnh")).ExitCode);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null((await SignInWithBrowser("admin", "sai mật khẩu số " + i, expectRefusal: true)).AccessToken);
        }

        var refused = await SignInWithBrowser("admin", "mật khẩu quản trị tỉnh", expectRefusal: true);
        Assert.Null(refused.AccessToken);
    }

    private static RegisterMemberRequest Member(string name, string unit) =>
        new() { FullName = name, BirthDate = "1985-04-12", Sex = "female", OrgUnit = unit, JoinedDate = "2026-03-01" };

    /// <summary>Chromium goes to the sign-in page, the person types and submits; the browser is sent to the app's redirect
    /// URI with a code, which the app (this test) exchanges with its PKCE verifier. A refusal leaves the browser on the
    /// page; a screenshot of the page is kept under TestResults/.</summary>
    private async Task<TokenAnswer> SignInWithBrowser(string username, string password, bool expectRefusal = false)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true });
        var page = await browser.NewPageAsync();
        var callback = new TaskCompletionSource<string>();
        await page.RouteAsync(Redirect + "**", async route =>
        {
            callback.TrySetResult(route.Request.Url);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<p>signed in</p>" });
        });
        await page.GotoAsync($"http://localhost:{monolith.HttpPort}/connect/authorize?client_id={App}&redirect_uri={Uri.EscapeDataString(Redirect)}"
            + $"&response_type=code&scope=openid%20offline_access&state=xyz&code_challenge={challenge}&code_challenge_method=S256");
        await page.GetByLabel("Tên đăng nhập / Username").FillAsync(username);
        await page.GetByLabel("Mật khẩu / Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập / Sign in" }).ClickAsync();
        if (expectRefusal)
        {
            await page.GetByRole(AriaRole.Alert).WaitForAsync();
            await Screenshot(page, "sign-in-refused");
            return new TokenAnswer(null, null, null, await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        }

        var url = new Uri(await callback.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var query = global::System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("xyz", query["state"]);
        var tokens = await new SignInFlows(Identity()).Token(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["code_verifier"] = verifier, ["redirect_uri"] = Redirect, ["client_id"] = App,
        });
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return tokens;
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(Repo.Root, "TestResults", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>`rc login --server`: rc prints the page and the code and waits; the person approves on the page (here
    /// over HTTP, as the browser above would); rc then keeps the tokens in its session.</summary>
    private async Task RcLogin(string sessionFolder, string username, string password)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Repo.Binary("tools/RedCross.Cli", "rc"), "login", "--server", $"http://localhost:{monolith.GrpcPort}", "--identity", $"http://localhost:{monolith.HttpPort}", "--data", sessionFolder })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["COLUMNS"] = "300";
        using var rc = Process.Start(info)!;
        var output = new StringBuilder();
        var code = new TaskCompletionSource<string>();
        rc.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is not null && UserCode().Match(e.Data) is { Success: true } m)
            {
                code.TrySetResult(m.Groups[1].Value);
            }
        };
        rc.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        rc.BeginOutputReadLine();
        rc.BeginErrorReadLine();
        try
        {
            var shown = await Task.WhenAny(code.Task, rc.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(shown == code.Task, "rc printed no code: " + output);
            var userCode = await code.Task;
            Assert.True(await new SignInFlows(Identity()).ApproveDevice(userCode, username, password));
            await rc.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        }
        finally
        {
            if (!rc.HasExited)
            {
                rc.Kill(entireProcessTree: true);
            }
        }

        Assert.True(rc.ExitCode == 0, output.ToString());
        Assert.Contains("Logged in as", output.ToString(), StringComparison.Ordinal);
    }

    private HttpClient Identity() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://localhost:{monolith.HttpPort}") };

    private static string SavedRefreshToken(string sessionFolder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(sessionFolder, "rc-session.json"))).RootElement.GetProperty("RefreshToken").GetString()!;

    private async Task<(int ExitCode, string Output)> Rc(string[] args, string? stdin = null)
    {
        var all = args.Contains("--data") ? args : [.. args, "--data", monolith.Data];
        if (stdin is null)
        {
            return await Shell.Run("dotnet", [Repo.Binary("tools/RedCross.Cli", "rc"), .. all, "--server", $"http://localhost:{monolith.GrpcPort}"], new Dictionary<string, string> { ["COLUMNS"] = "300" });
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Repo.Binary("tools/RedCross.Cli", "rc") }.Concat(all).Concat(["--server", $"http://localhost:{monolith.GrpcPort}"]))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"setup code: ([A-Z0-9]{4}-[A-Z0-9]{4})")]
    private static partial Regex SetupCode();

    [GeneratedRegex(@"enter the code (\S+)")]
    private static partial Regex UserCode();
}
