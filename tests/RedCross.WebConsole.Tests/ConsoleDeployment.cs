using Microsoft.Playwright;
using RedCross.Contracts.Identity.V1;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>A fresh embedded deployment started as a process (the monolith on free ports, its console at `/` on
/// localhost), with accounts made through the identity's Accounts API, and one Chromium for every test of the class.
/// Accounts (password <see cref="Password"/>): officer058, viewer058, officer060 (district officers and a viewer of
/// Bắc Kạn town 058 and of another district, 060) and admin06 (province admin).</summary>
public class ConsoleDeployment : IAsyncLifetime
{
    public const string Password = "mật khẩu đủ dài 2026";
    private readonly Monolith monolith = new("rc-console-");
    private IPlaywright playwright = null!;

    public int HttpPort => monolith.HttpPort;

    public int GrpcPort => monolith.GrpcPort;

    public string Url => $"http://localhost:{HttpPort}";

    public Tokens Tokens => monolith.Tokens;

    public IBrowser Browser { get; private set; } = null!;

    public string Log => monolith.Log;

    /// <summary>More environment for the monolith (a derived fixture loads the demo).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Environment => [];

    public virtual async Task InitializeAsync()
    {
        await monolith.StartAsync(new Dictionary<string, string>(Environment));
        var accounts = new Accounts.AccountsClient(Channels.Local(GrpcPort, Tokens.ProvinceAdmin));
        foreach (var (username, name, role, org) in new[]
        {
            ("officer058", "Hoàng Văn Cán", "district_officer", "06/058"),
            ("viewer058", "Lý Thị Xem", "viewer", "06/058"),
            ("officer060", "Triệu Văn Khác", "district_officer", "06/060"),
            ("admin06", "Quản Trị Tỉnh", "province_admin", "06"),
        })
        {
            await accounts.CreateAccountAsync(new() { Username = username, DisplayName = name, Role = role, OrgPath = org, Password = Password });
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true });
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await monolith.DisposeAsync();
    }

    /// <summary>A new browser context (its own cookies) signed in through the identity's page, on the console's home.</summary>
    public async Task<IPage> SignInAsync(string username, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url + "/");
        await page.GetByLabel("Tên đăng nhập / Username").FillAsync(username);
        await page.GetByLabel("Mật khẩu / Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập / Sign in" }).ClickAsync();
        try
        {
            // Generous: on two loaded cores the code exchange and the first render of the home page can pass 30 s.
            // Signed in is being sent back to the console's home; its load event is not waited for (once, under the
            // full suite's load, the page stood at home, network idle, without "load" in 90 s). Callers' locators wait
            // for what they read.
            await page.WaitForURLAsync(Url + "/", new() { Timeout = 90_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{username} was not signed in: the browser is at {page.Url}", e);
        }

        return page;
    }
}

/// <summary>The same deployment with the demo loaded (Bắc Kạn town's 2013: members, beneficiaries, donations,
/// humanitarian addresses, the cow bank, campaigns, a blood drive, commendations), ready when "Demo ready" is logged.</summary>
public sealed class DemoConsoleDeployment : ConsoleDeployment
{
    protected override IEnumerable<KeyValuePair<string, string>> Environment => [new("Demo__Load", "true")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Eventually.Until(() => Task.FromResult(Log.Contains("Demo ready", StringComparison.Ordinal)), ready => ready, TimeSpan.FromMinutes(5), "the demo to load");
    }
}
