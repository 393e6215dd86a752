using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>What every page visited in a test is put through: axe-core finds no serious or critical violation, and a
/// screenshot is kept under this project's TestResults/console/.</summary>
internal static class Pages
{
    /// <summary>With <paramref name="frames"/> false, axe leaves the page's frames alone: a sandboxed frame runs no
    /// script, and axe would wait for an answer from it for ever (the report's preview is checked as a page of its own).</summary>
    public static async Task CheckAsync(IPage page, string name, bool frames = true)
    {
        var path = Path.Combine(Repo.Root, "tests", "RedCross.WebConsole.Tests", "TestResults", "console", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        var axe = await page.RunAxe(new AxeRunOptions { Iframes = frames });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}";
}
