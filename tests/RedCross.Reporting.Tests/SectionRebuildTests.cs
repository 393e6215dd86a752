using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Awards;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Relief;
using RedCross.Reporting.Data;
using RedCross.Reporting.Domain;
using RedCross.Reporting.Projections;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The report's programme and commendation rows, cleared source by source and replayed from that source's events
/// alone, as a rebuild does: the sections come back the same, and a cleared source's half is really gone meanwhile.</summary>
public sealed class SectionRebuildTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Guid Campaign = Guid.NewGuid();
    private static readonly Guid Viettel = Guid.NewGuid();
    private static readonly string[] Units = ["058"];
    private static readonly Period Year2013 = Period.Year(2013);

    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private ReportingDb db = null!;

    private static readonly IIntegrationEvent[] CampaignEvents =
    [
        new CampaignOpened(Guid.NewGuid(), Now, "058", Campaign, "health_check", new DateOnly(2013, 9, 1), new DateOnly(2013, 10, 31), new DateOnly(2013, 9, 1),
            "Khám sức khỏe", ["Trung tâm Y tế"]),
        new CampaignBeneficiaryListDrawn(Guid.NewGuid(), Now, "058", Campaign, new DateOnly(2013, 9, 1), 500),
        new CampaignResultRecorded(Guid.NewGuid(), Now, "058", Campaign, Guid.NewGuid(), "health_check", new DateOnly(2013, 9, 20), 500, 3000, 0, 12, 0),
        new BloodDonationRecorded(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), Guid.NewGuid(), Campaign, "whole_blood", 350, new DateOnly(2013, 9, 20), 1),
    ];

    private static readonly IIntegrationEvent[] ReliefEvents =
    [
        new SponsorRegistered(Guid.NewGuid(), Now, "058", Viettel, "organisation", "Viettel Bắc Kạn"),
        new DistributionRecorded(Guid.NewGuid(), Now, "058", Guid.NewGuid(), null, "goods", 150_000_000, "sponsor_direct", null, Viettel, Campaign.ToString(), new DateOnly(2013, 9, 20)),
    ];

    private static readonly IIntegrationEvent[] AwardsEvents =
    [
        new CommendationApproved(Guid.NewGuid(), Now, "058", Guid.NewGuid(), "06-HCTD", "provincial_red_cross", "06", "certificate_of_merit", "member", "society_work",
            2013, new DateOnly(2014, 1, 10), 400_000),
        // The same issuer and form for another movement: a line of its own, listed first (the movements' order).
        new CommendationApproved(Guid.NewGuid(), Now, "058", Guid.NewGuid(), "06-HCTD", "provincial_red_cross", "06", "certificate_of_merit", "donor", "blood_donation",
            2013, new DateOnly(2013, 12, 20), 0),
    ];

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = new ReportingDb(new DbContextOptionsBuilder<ReportingDb>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        await Apply([.. CampaignEvents, .. ReliefEvents, .. AwardsEvents]);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task Apply(IEnumerable<IIntegrationEvent> events)
    {
        using var projector = new Projector(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var e in events)
        {
            await projector.ApplyAsync(e, CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    private async Task<(ProgrammeLine Programme, CommendationLine[] Commendations)> Sections()
    {
        var programmes = await new CampaignProjection().ProgrammesAsync(db, Units, Year2013, CancellationToken.None);
        var commendations = await new AwardsProjection().CommendationsAsync(db, Units, Year2013, CancellationToken.None);
        return (Assert.Single(programmes), [.. commendations]);
    }

    private async Task Rebuild(string source, IEnumerable<IIntegrationEvent> events, Func<Task> whileCleared)
    {
        using (var projector = new Projector(db))
        {
            await projector.ClearAsync(source, CancellationToken.None);
        }

        await whileCleared();
        await Apply(events);
    }

    [Fact]
    public async Task Each_sources_rows_are_cleared_by_its_rebuild_and_replaying_its_events_gives_the_same_sections()
    {
        var (programme, commendations) = await Sections();
        Assert.Equal((programme.Campaign, programme.Beneficiaries, programme.Visits, programme.ValueVnd), ("Khám sức khỏe", 500L, 3000L, 150_000_000L));
        Assert.Equal((12L, 1L, 350L), (programme.CommunicationSessions, programme.BloodDonations, programme.BloodVolumeMl));
        Assert.Equal(["Viettel Bắc Kạn"], programme.Sponsors);
        Assert.Equal(["Trung tâm Y tế"], programme.Partners);
        Assert.Equal(
            [new CommendationLine("Hội Chữ thập đỏ tỉnh", "Giấy khen", "blood_donation", 0, 1, 0), new CommendationLine("Hội Chữ thập đỏ tỉnh", "Giấy khen", "society_work", 0, 1, 400_000)],
            commendations);

        await Rebuild("relief", ReliefEvents, async () =>
        {
            var half = Assert.Single(await new CampaignProjection().ProgrammesAsync(db, Units, Year2013, CancellationToken.None));
            Assert.Equal((0L, 0), (half.ValueVnd, half.Sponsors.Count));
        });
        await Rebuild("campaign", CampaignEvents, async () => Assert.Empty(await new CampaignProjection().ProgrammesAsync(db, Units, Year2013, CancellationToken.None)));
        await Rebuild("awards", AwardsEvents, async () => Assert.Empty(await new AwardsProjection().CommendationsAsync(db, Units, Year2013, CancellationToken.None)));

        var (again, commendationsAgain) = await Sections();
        Assert.Equal(programme with { Partners = again.Partners, Sponsors = again.Sponsors }, again);
        Assert.Equal(programme.Partners, again.Partners);
        Assert.Equal(programme.Sponsors, again.Sponsors);
        Assert.Equal(commendations, commendationsAgain);
    }
}
