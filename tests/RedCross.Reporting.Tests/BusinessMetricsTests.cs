using System.Text.RegularExpressions;
using Grpc.Core;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RedCross.Contracts.Events.Membership;
using RedCross.Contracts.Membership.V1;
using RedCross.Contracts.Reporting.V1;
using RedCross.Messaging;
using RedCross.Testing;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>Every business metric named in docs/operations.md (the operators' list, which the alert rules and the
/// dashboard draw on) is what a host's /metrics really serves, once the work it measures has happened; and
/// every `redcross_*` family served is in that list. Membership and reporting run in-process, as in
/// <see cref="CatchUpTests"/>.</summary>
public sealed partial class BusinessMetricsTests(CatchUpReporting reporting) : IClassFixture<CatchUpReporting>
{
    [Fact]
    public async Task Every_documented_business_metric_is_served_on_metrics_and_every_served_one_is_documented()
    {
        var documented = MetricName().Matches(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "docs", "operations.md")))
            .Select(m => m.Value).ToHashSet();
        Assert.Contains("redcross_outbox_backlog", documented); // the list was found at all

        await DoTheWorkEveryMetricMeasures();

        // The probe's value is what is still missing, so a timeout names it.
        await Eventually.Until(async () => string.Join(", ", documented.Except(await ServedFamilies()).Order()), missing => missing.Length == 0,
            TimeSpan.FromSeconds(30), "every documented metric on /metrics");
        Assert.Empty((await ServedFamilies()).Except(documented));
    }

    [Theory]
    [InlineData("dotnet_process_memory_working_set_bytes")]
    [InlineData("dotnet_gc_heap_total_allocated_bytes_total")]
    public async Task The_runtime_metrics_the_runbook_names_for_sizing_are_served(string family)
    {
        Assert.Contains(family, await File.ReadAllTextAsync(Path.Combine(Repo.Root, "docs", "operations.md")), StringComparison.Ordinal);
        var text = await reporting.CreateClient().GetStringAsync("/metrics");
        Assert.Contains($"# TYPE {family} ", text, StringComparison.Ordinal);
    }

    private async Task DoTheWorkEveryMetricMeasures()
    {
        var officer = reporting.Tokens.DistrictOfficer058;
        var members = new Members.MembersClient(reporting.Membership.Channel(officer));
        // Published (and the relay's outbox gauges and age histogram).
        var member = await members.RegisterMemberAsync(new RegisterMemberRequest
        {
            FullName = "Đỗ Văn Đo", BirthDate = "1980-02-02", Sex = "male", OrgUnit = "01834", JoinedDate = "2020-05-05",
        });
        // Money recorded.
        await new Dues.DuesClient(reporting.Membership.Channel(officer)).RecordDuesPaymentAsync(new RecordDuesPaymentRequest
        {
            MemberId = member.Id, Year = 2020, Months = 12, PaidOn = "2020-06-01",
        });
        // Refused, by reason.
        await RpcAssert.Fails(StatusCode.InvalidArgument, () => members.RegisterMemberAsync(new RegisterMemberRequest()).ResponseAsync);
        // A row in membership's log that can never be read: the relay flags it and reporting's catch-up parks it.
        await AppendUnreadableEvent();

        // Consumed, projection lag and how far behind: reporting reads membership's log.
        await new ReportingAdmin.ReportingAdminClient(reporting.Channel(reporting.Tokens.ProvinceAdmin)).CatchUpAsync(new CatchUpRequest());

        // A duplicate: the same event delivered again once the first copy is counted (copies in one batch can be merged
        // before the inbox sees them, so both at once would not always count a duplicate).
        var registered = new MemberRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, "01834", Guid.NewGuid(), new DateOnly(2031, 1, 1), new DateOnly(1990, 1, 1), "female", false);
        var bus = reporting.Services.GetRequiredService<ITestHarness>().Bus;
        await bus.Publish(registered, ctx => ctx.MessageId = registered.EventId);
        var indicators = new Contracts.Reporting.V1.Reporting.ReportingClient(reporting.Channel(reporting.Tokens.ProvinceAdmin));
        // The unit itself may still be on its way: a catch-up that fails (membership slow to answer on a loaded machine)
        // records its error and answers, and the next timed catch-up brings the tree. Not found yet is not counted yet.
        await Eventually.Until(
            async () =>
            {
                try
                {
                    return (await indicators.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = "01834", Period = "2031-01" })).Indicators
                        .Single(i => i.Code == "membership.members.new").Value;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return -1;
                }
            },
            count => count == 1, what: "the first copy to be counted");
        await bus.Publish(registered, ctx => ctx.MessageId = registered.EventId);
    }

    private async Task AppendUnreadableEvent()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(reporting.Membership.DataDirectory, "membership.db")};Pooling=False");
        await connection.OpenAsync();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO outbox (Id, Type, Payload, OccurredAt, Attempts, Dead) VALUES ($id, 'MemberRegistered', '{\"broken', $at, 0, 0)";
        insert.Parameters.AddWithValue("$id", SqliteFormat.Guid(Guid.NewGuid()));
        insert.Parameters.AddWithValue("$at", SqliteFormat.Instant(DateTimeOffset.UtcNow));
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The `redcross_*` metric families both hosts serve (histograms by their family name).</summary>
    private async Task<HashSet<string>> ServedFamilies()
    {
        var text = await reporting.CreateClient().GetStringAsync("/metrics") + await reporting.Membership.CreateClient().GetStringAsync("/metrics");
        return TypeLine().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
    }

    [GeneratedRegex(@"\bredcross_[a-z_]*[a-z]")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^# TYPE (redcross_[a-z_]+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
