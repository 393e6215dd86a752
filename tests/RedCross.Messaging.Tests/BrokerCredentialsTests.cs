using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace RedCross.Messaging.Tests;

/// <summary>A host on RabbitMQ refuses guest (and no account at all) unless its environment is Development.</summary>
public sealed class BrokerCredentialsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("guest", "guest")]
    [InlineData("redcross", "guest")]
    [InlineData("guest", "s3cret-of-the-deployment")]
    public void Guest_or_no_account_stops_the_start_outside_Development(string? username, string? password)
    {
        var builder = Builder("Production", username, password);

        var refused = Assert.Throws<InvalidOperationException>(builder.AddMessaging);

        Assert.Contains("guest is refused", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guest_is_accepted_in_Development_and_an_account_of_its_own_anywhere()
    {
        Builder("Development", null, null).AddMessaging();
        Builder("Production", "redcross", "s3cret-of-the-deployment").AddMessaging();
    }

    private static WebApplicationBuilder Builder(string environment, string? username, string? password)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Username"] = username,
            ["Messaging:RabbitMq:Password"] = password,
        });
        return builder;
    }
}
