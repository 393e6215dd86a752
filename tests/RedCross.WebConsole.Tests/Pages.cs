using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>What every page visited in a test is put through: axe-core finds no serious or critical violation, every
/// control is reached with the Tab key, and a screenshot is kept under this project's TestResults/console/.</summary>
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
        await EveryControlReachedByTabAsync(page, name);
    }

    /// <summary>Presses Tab from the top of the page until every visible, enabled control of the page (links, buttons,
    /// fields) has had the focus, with two presses per control to spare; names those never reached. Run after the
    /// screenshot and axe, it leaves the focus where the last Tab put it, and types nothing. A frame is not among them:
    /// once the focus is inside the report's sandboxed preview the page cannot see where it is (the preview is a
    /// document of its own, with no control in it).</summary>
    private static async Task EveryControlReachedByTabAsync(IPage page, string name)
    {
        var controls = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not(iframe)')]
                .filter(e => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                .map((e, i) => { e.dataset.kb = String(i); return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.innerText || e.value || e.name || '').trim().slice(0, 40)}"`; })
            """);
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.getSelection()?.removeAllRanges(); }");
        await page.Locator("body").FocusAsync();
        var reached = new HashSet<int>();
        for (var press = 0; press < controls.Length * 2 + 10 && reached.Count < controls.Length; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.kb ?? null");
            if (int.TryParse(focused, out var index))
            {
                reached.Add(index);
            }
        }

        var missed = controls.Where((_, i) => !reached.Contains(i)).ToList();
        Assert.True(missed.Count == 0, $"{name}: not reached by Tab: " + string.Join("; ", missed));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}";
}
