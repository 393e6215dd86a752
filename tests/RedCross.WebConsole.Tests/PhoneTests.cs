using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing;
using Xunit;
using Xunit.Abstractions;

namespace RedCross.WebConsole.Tests;

/// <summary>A commune officer on a phone over a slow mobile network: the member form loads light and submits, and what
/// was typed while the network was cut is sent, once, when it comes back.</summary>
public sealed partial class PhoneTests(ConsoleDeployment deployment, ITestOutputHelper output) : IClassFixture<ConsoleDeployment>
{
    /// <summary>Chromium DevTools' "Slow 3G": 400 kbit/s each way, 2 s added to every round trip.</summary>
    private static readonly Dictionary<string, object> Slow3G = new()
    {
        ["offline"] = false, ["latency"] = 2000, ["downloadThroughput"] = 50_000, ["uploadThroughput"] = 50_000,
    };

    [Fact]
    public async Task On_slow_3g_the_member_form_loads_light_and_what_was_typed_offline_is_sent_once_when_back()
    {
        var page = await deployment.SignInAsync("officer058", new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var network = await page.Context.NewCDPSessionAsync(page);
        await network.SendAsync("Network.enable");
        await network.SendAsync("Network.emulateNetworkConditions", Slow3G);
        long transferred = 0;
        network.Event("Network.loadingFinished").OnEvent += (_, e) =>
            Interlocked.Add(ref transferred, (long)e!.Value.GetProperty("encodedDataLength").GetDouble());

        await page.GotoAsync(deployment.Url + "/members/new");
        output.WriteLine($"Member form, first load on a phone profile: {Interlocked.Read(ref transferred):N0} bytes transferred.");
        Assert.InRange(Interlocked.Read(ref transferred), 1_000, 500_000);
        await Pages.CheckAsync(page, "phone-member-form");

        await page.GetByLabel("Họ và tên").FillAsync("Sầm Thị Mất Sóng");
        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("Ngày sinh (dd/mm/yyyy)").FillAsync("15/08/1992");
        await page.GetByLabel("Điện thoại").FillAsync("0912345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offline")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "phone-offline");
        Assert.EndsWith("/members/new", page.Url);
        Assert.Empty(await MembersNamed("Sầm Thị Mất Sóng"));

        await page.Context.SetOfflineAsync(false);
        await network.SendAsync("Network.emulateNetworkConditions", Slow3G);
        await page.WaitForURLAsync(SavedMember(), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("p.saved")).ToHaveTextAsync("Đã lưu.");
        var stored = Assert.Single(await MembersNamed("Sầm Thị Mất Sóng"));
        Assert.Equal("1992-08-15", stored.BirthDate);
        Assert.Equal("0912345678", stored.Phone);
        Assert.Empty(JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>("JSON.stringify(Object.keys(sessionStorage))"))!);
    }

    private async Task<List<Member>> MembersNamed(string name)
    {
        var members = new Members.MembersClient(Channels.Local(deployment.GrpcPort, deployment.Tokens.ProvinceAdmin));
        return [.. (await members.ListMembersAsync(new() { Query = name, PageSize = 100 })).Members.Where(m => m.FullName == name)];
    }

    [GeneratedRegex(@"/members/[0-9a-f-]{36}\?saved=")]
    private static partial Regex SavedMember();
}
