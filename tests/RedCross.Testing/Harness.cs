using MassTransit.Testing;

namespace RedCross.Testing;

/// <summary>Waits, with a deadline, until the test harness saw a matching publish. The harness's own
/// Any() stops waiting once the bus has been idle, which the outbox relay's timing makes likely.</summary>
public static class Harness
{
    public static Task Published<T>(this IServiceProvider services, Func<IPublishedMessage<T>, bool> match)
        where T : class
    {
        var harness = services.GetTestHarness();
        return Eventually.Until(
            () => Task.FromResult(harness.Published.Select<T>().Any(match)), found => found, what: typeof(T).Name + " to be published");
    }
}
