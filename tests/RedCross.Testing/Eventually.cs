using Grpc.Core;

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

    /// <summary>Retries a write until the service has learnt the org tree from membership's log (until then it
    /// answers NotFound or FailedPrecondition for the unit), for at most 90 s.</summary>
    public static async Task<T> OnceTheTreeIsKnown<T>(Func<Task<T>> write, string what)
        where T : class =>
        (await Until(async () =>
        {
            try
            {
                return await write();
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
            {
                return null;
            }
        }, r => r is not null, TimeSpan.FromSeconds(90), what))!;

    private static string Describe(object? value) => value switch
    {
        System.Collections.IDictionary d => string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}={d[k]}")),
        _ => value?.ToString() ?? "null",
    };
}
