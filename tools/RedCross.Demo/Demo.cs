using Grpc.Core;

namespace RedCross.Demo;

internal static class Demo
{
    /// <summary>Creates a person, drawing the next generated one while the service says this one is already recorded
    /// (generated names can meet; the same-person rule is the service's). The draws are the same on every run.</summary>
    public static async Task<T> Distinct<T>(DemoPeople people, Func<(string FullName, string Sex), Task<T>> create)
    {
        while (true)
        {
            try
            {
                return await create(people.Next());
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
            {
            }
        }
    }

    /// <summary>Creates something without a request id (issuers): already there from an earlier run is fine.</summary>
    public static async Task<bool> Ensure(Func<Task> create)
    {
        try
        {
            await create();
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>Runs a call that names units or members another service learns from membership's events: until that
    /// service has caught up it answers NotFound, so the call is repeated for a while.</summary>
    public static async Task<T> OnceKnown<T>(Func<Task<T>> call, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
        }
    }
}
