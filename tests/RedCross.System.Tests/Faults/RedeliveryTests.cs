using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RedCross.Contracts.Reporting.V1;
using RedCross.System.Tests.Infrastructure;
using RedCross.Testing;
using Xunit;

namespace RedCross.System.Tests.Faults;

/// <summary>A real event's message published three more times to reporting's exchange with the same MessageId: the
/// first copy waits in reporting's queue beside the original while reporting is down (they reach it together, and its
/// catch-up reads the same event from relief's log), the other two arrive one at a time once the event is counted.
/// Counted once. The event is a relief donation, which reporting only adds to its cells: nothing but the inbox stands
/// between a copy and a second count. Counts in 2008.</summary>
[Collection(FaultsCollection.Name)]
public sealed class RedeliveryTests(Platform platform)
{
    private const string DonationReceived = "RedCross.Contracts.Events.Relief:DonationReceived";

    [Fact]
    public async Task The_same_message_published_three_more_times_is_counted_once()
    {
        var workload = await Workload.PrepareAsync(platform, 2008);
        // A queue of the test's own on the exchange relief publishes DonationReceived to: it receives the real message.
        await using var connection = await new ConnectionFactory { HostName = "localhost", Port = platform.Rabbit.Port }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(DonationReceived, ExchangeType.Fanout, durable: true);
        var copies = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(copies, DonationReceived, string.Empty);
        await Eventually.Until(() => workload.Counted(Workload.Relief), v => v == 0, TimeSpan.FromSeconds(60), "reporting to know 058");

        await platform.Reporting.KillAsync();
        try
        {
            await workload.WriteAsync(Workload.Relief);
            var donation = Assert.Single(workload.Acknowledged(Workload.Relief));
            var original = await Eventually.Until(async () => await channel.BasicGetAsync(copies, autoAck: true), m => m is not null
                && Encoding.UTF8.GetString(m.Body.Span).Contains(donation, StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(60), "the donation's event on RabbitMQ");
            var messageId = original!.BasicProperties.MessageId;
            Assert.False(string.IsNullOrEmpty(messageId));
            await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d >= 1, TimeSpan.FromSeconds(60), "the original to wait in reporting's queue");

            var properties = new BasicProperties
            {
                MessageId = messageId, ContentType = original.BasicProperties.ContentType, Persistent = true, Headers = original.BasicProperties.Headers,
            };
            await channel.BasicPublishAsync("reporting", string.Empty, mandatory: true, properties, original.Body);

            // The fault is where it claims: two deliveries of one message wait for reporting together.
            await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d >= 2, TimeSpan.FromSeconds(30), "the copy to be queued");
            await platform.StartReportingAsync();
            await Eventually.Until(() => platform.Rabbit.QueueDepth("reporting"), d => d == 0, TimeSpan.FromSeconds(60), "reporting to consume the original and the copy");
            await Eventually.Until(() => workload.Counted(Workload.Relief), v => v >= workload.Expected(Workload.Relief), TimeSpan.FromSeconds(60), "the donation to be counted");
            Assert.Equal(workload.Expected(Workload.Relief), await workload.Counted(Workload.Relief));
            for (var copy = 2; copy <= 3; copy++)
            {
                // Each copy alone: it reaches reporting in a batch of its own, and is either skipped (the duplicates
                // counter moves) or counted again (the figure moves).
                var skipped = await Metric("redcross_events_duplicates_total");
                await channel.BasicPublishAsync("reporting", string.Empty, mandatory: true, properties, original.Body);
                await Eventually.Until(async () => (Skipped: await Metric("redcross_events_duplicates_total"), Counted: await workload.Counted(Workload.Relief)),
                    s => s.Skipped > skipped || s.Counted != workload.Expected(Workload.Relief), TimeSpan.FromSeconds(60), $"reporting to take copy {copy}");
                Assert.Equal(workload.Expected(Workload.Relief), await workload.Counted(Workload.Relief));
            }
        }
        finally
        {
            if (!platform.Reporting.IsRunning)
            {
                await platform.StartReportingAsync();
            }
        }

        // Consumed, not dead-lettered or parked: a copy that never reached the projection would prove nothing.
        Assert.True(await platform.Rabbit.QueueDepth("reporting_error") is null or 0, "copies went to reporting's error queue");
        var admin = new ReportingAdmin.ReportingAdminClient(Channels.Local(platform.ReportingGrpcPort, platform.Tokens.ProvinceAdmin));
        Assert.Equal(0, (await admin.GetProjectionStatusAsync(new GetProjectionStatusRequest())).ParkedEvents);
        await admin.CatchUpAsync(new CatchUpRequest());
        Assert.Equal(workload.Expected(Workload.Relief), await workload.Counted(Workload.Relief));
    }

    /// <summary>Sum of a Prometheus metric's samples on reporting (-1 while it has not reported it yet).</summary>
    private async Task<double> Metric(string name)
    {
        using var http = new HttpClient();
        var samples = (await http.GetStringAsync($"http://localhost:{platform.Reporting.HttpPort}/metrics")).Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture)).ToList();
        return samples.Count == 0 ? -1 : samples.Sum();
    }
}
