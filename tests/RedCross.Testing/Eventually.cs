namespace RedCross.Testing;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var delay = TimeSpan.FromMilliseconds(20);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}; last value: {Describe(last)}");
            }

            await Task.Delay(delay); // back-off between probes, not a synchronisation
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 2));
        }
    }

    private static string Describe(object? value) => value switch
    {
        System.Collections.IDictionary d => string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}={d[k]}")),
        _ => value?.ToString() ?? "null",
    };
}
