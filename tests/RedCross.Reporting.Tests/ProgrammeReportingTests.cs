using System.Text;
using Grpc.Core;
using RedCross.Contracts.Events;
using RedCross.Contracts.Events.Campaign;
using RedCross.Contracts.Events.Relief;
using RedCross.Contracts.Reporting.V1;
using RedCross.Testing;
using Xunit;

namespace RedCross.Reporting.Tests;

/// <summary>The annual report's programmes (F4, F5): a campaign from campaign's events (title, partners, list size,
/// visits) with the gifts relief recorded against it (value, sponsors named only when they are organisations), in any
/// arrival order, in the report of its unit and every unit above it.</summary>
public sealed class ProgrammeReportingTests(ReportingFactory factory) : IClassFixture<ReportingFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private const string HealthCheckName = "Khám sức khỏe, tư vấn và tặng quà cho đối tượng chính sách";

    private Task<AnnualReport> Report(string unit, int year) =>
        factory.Client(factory.Tokens.ProvinceAdmin).GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = unit, Year = year }).ResponseAsync;

    private static DistributionRecorded Gift(string unit, Guid? sponsor, long value, Guid campaign, DateOnly on) =>
        new(Guid.NewGuid(), Now, unit, Guid.NewGuid(), Guid.NewGuid(), "goods", value, sponsor is null ? "fund" : "sponsor_direct", null, sponsor, campaign.ToString(), on);

    private static DistributionReversed Reversal(DistributionRecorded d) =>
        new(Guid.NewGuid(), Now, d.OrgUnitCode, d.DistributionId, d.BeneficiaryId, d.Kind, d.ValueVnd, d.SourceKind, d.DonationId, d.SponsorId, d.CampaignRef, d.HandedOverOn);

    [Fact]
    public async Task The_viettel_health_check_programme_is_one_line_of_the_2013_report_of_058_and_of_06_whatever_the_arrival_order()
    {
        await factory.EnsureTree();
        var healthCheck = Guid.NewGuid();
        var summer = Guid.NewGuid();
        var elsewhere = Guid.NewGuid();
        var nextYear = Guid.NewGuid();
        var viettel = Guid.NewGuid();
        var person = Guid.NewGuid();
        var day = new DateOnly(2013, 9, 20);
        var wrong = Gift("01834", viettel, 10_000_000, healthCheck, day);

        IIntegrationEvent[] events =
        [
            // Gifts, a reversal, a later partner and the lists arrive before the campaign's opening and the sponsors' registration.
            Gift("01834", viettel, 100_000_000, healthCheck, day),
            Reversal(wrong),
            wrong,
            Gift("01852", viettel, 50_000_000, healthCheck, day),
            new CampaignPartnerAdded(Guid.NewGuid(), Now, "058", healthCheck, "Viettel Bắc Kạn", "company"),
            new CampaignBeneficiaryListDrawn(Guid.NewGuid(), Now.AddMinutes(2), "058", healthCheck, new DateOnly(2013, 9, 2), 500),
            new CampaignBeneficiaryListDrawn(Guid.NewGuid(), Now.AddMinutes(1), "058", healthCheck, new DateOnly(2013, 9, 1), 480),
            new CampaignResultRecorded(Guid.NewGuid(), Now, "058", healthCheck, Guid.NewGuid(), "health_check", day, 500, 2000, 800, 200, 0),
            new CampaignResultCorrected(Guid.NewGuid(), Now, "058", healthCheck, Guid.NewGuid(), Guid.NewGuid(), "health_check", day, 0, 50, 0, 0, 0),
            new CampaignOpened(Guid.NewGuid(), Now, "058", healthCheck, "health_check", new DateOnly(2013, 9, 1), new DateOnly(2013, 10, 31),
                new DateOnly(2013, 8, 25), HealthCheckName, ["Trung tâm Y tế thị xã Bắc Kạn"]),
            new SponsorRegistered(Guid.NewGuid(), Now, "058", viettel, "organisation", "Viettel Bắc Kạn"),
            // A summer programme in a commune with an individual's gift and one from a fund; opened before names travelled.
            new CampaignOpened(Guid.NewGuid(), Now, "01837", summer, "summer_activities", new DateOnly(2013, 6, 1), new DateOnly(2013, 8, 31), new DateOnly(2013, 6, 1)),
            Gift("01837", person, 2_000_000, summer, new DateOnly(2013, 7, 1)),
            Gift("01837", null, 1_000_000, summer, new DateOnly(2013, 7, 1)),
            new SponsorRegistered(Guid.NewGuid(), Now, "01837", person, "individual", string.Empty),
            // Another district's campaign, and one of 058 in 2014.
            new CampaignOpened(Guid.NewGuid(), Now, "060", elsewhere, "blood_donation", new DateOnly(2013, 4, 1), new DateOnly(2013, 4, 1), new DateOnly(2013, 4, 1), "Hiến máu", []),
            new CampaignOpened(Guid.NewGuid(), Now, "058", nextYear, "blood_donation", new DateOnly(2014, 1, 10), new DateOnly(2014, 1, 10), new DateOnly(2014, 1, 10), "Hiến máu 2014", []),
        ];
        foreach (var e in events)
        {
            await factory.Publish(e);
        }

        await factory.Publish(events[0]); // redelivered: counted once

        var expected = new[]
        {
            new ReportProgramme { Campaign = "summer_activities", Type = "summer_activities", Sponsors = { "(cá nhân)" }, ValueVnd = 3_000_000 },
            new ReportProgramme
            {
                Campaign = HealthCheckName, Type = "health_check", Partners = { "Trung tâm Y tế thị xã Bắc Kạn", "Viettel Bắc Kạn" },
                // Visits are examinations and consultations (2,000 + 50 + 800); the 200 sessions stay apart.
                Sponsors = { "Viettel Bắc Kạn" }, Beneficiaries = 500, Visits = 2_850, CommunicationSessions = 200, ValueVnd = 150_000_000,
            },
        };
        var town = await Eventually.Until(async () =>
        {
            try
            {
                return await Report("058", 2013);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, r => r is not null && r.Programmes.SequenceEqual(expected), what: "058's 2013 programmes");

        Assert.Equal(expected, town!.Programmes);
        var province = await Report("06", 2013);
        Assert.Equal([new ReportProgramme { Campaign = "Hiến máu", Type = "blood_donation" }, .. expected], province.Programmes);
        Assert.Equal(["Hiến máu 2014"], (await Report("058", 2014)).Programmes.Select(p => p.Campaign));
        Assert.Equal(["summer_activities"], (await Report("01837", 2013)).Programmes.Select(p => p.Campaign));

        var markdown = Encoding.UTF8.GetString((await factory.Client(factory.Tokens.ProvinceAdmin).RenderAnnualReportAsync(
            new RenderAnnualReportRequest { OrgUnit = "058", Year = 2013, Format = "md" })).Data.ToByteArray());
        Assert.Contains("| summer\\_activities |  | (cá nhân) | 0 | – | 3.000.000 đồng |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| {HealthCheckName} | Trung tâm Y tế thị xã Bắc Kạn, Viettel Bắc Kạn | Viettel Bắc Kạn | 500 | 2.850 lượt khám, tư vấn; 200 buổi truyền thông | 150.000.000 đồng |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blood_drives_row_shows_the_donations_given_at_its_sessions_and_their_volume_whatever_the_arrival_order()
    {
        await factory.EnsureTree();
        var drive = Guid.NewGuid();
        var first = new BloodDonationRecorded(Guid.NewGuid(), Now, "01834", Guid.NewGuid(), Guid.NewGuid(), drive, "whole_blood", 350, new DateOnly(2018, 6, 14), 1);
        IIntegrationEvent[] events =
        [
            // A donation arrives before the drive's opening; donors live in other units than the organiser.
            first,
            new CampaignOpened(Guid.NewGuid(), Now, "060", drive, "blood_donation", new DateOnly(2018, 6, 14), new DateOnly(2018, 6, 14), new DateOnly(2018, 6, 1),
                "Hiến máu tình nguyện 2018", ["Bệnh viện đa khoa tỉnh"]),
            new BloodDonationRecorded(Guid.NewGuid(), Now, "01837", Guid.NewGuid(), Guid.NewGuid(), drive, "whole_blood", 250, new DateOnly(2018, 6, 14), 3),
            new BloodDonationRecorded(Guid.NewGuid(), Now, "060", Guid.NewGuid(), Guid.NewGuid(), drive, "plasma", 450, new DateOnly(2018, 6, 14), 1),
            // Given outside any campaign: in the indicators, in no programme's row.
            new BloodDonationRecorded(Guid.NewGuid(), Now, "060", Guid.NewGuid(), Guid.NewGuid(), null, "whole_blood", 350, new DateOnly(2018, 7, 1), 2),
        ];
        foreach (var e in events)
        {
            await factory.Publish(e);
        }

        await factory.Publish(first); // redelivered: counted once

        var expected = new ReportProgramme
        {
            Campaign = "Hiến máu tình nguyện 2018", Type = "blood_donation", Partners = { "Bệnh viện đa khoa tỉnh" }, BloodDonations = 3, BloodVolumeMl = 1_050,
        };
        var report = await Eventually.Until(async () =>
        {
            try
            {
                return await Report("060", 2018);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, r => r is not null && r.Programmes.SequenceEqual([expected]), what: "060's 2018 blood drive");
        // The indicator counts in the donors' home units (060's own two, one outside the drive); the row, all given at its sessions.
        Assert.Equal(2, report!.Indicators.Single(i => i.Code == "campaign.blood.donations").Value);

        var vi = await Render("060", 2018, "md", "vi");
        Assert.Contains("| Hiến máu tình nguyện 2018 | Bệnh viện đa khoa tỉnh |  | 0 | 3 lượt hiến máu, 1.050 ml | 0 đồng |", vi, StringComparison.Ordinal);
        Assert.Contains("<td>3 blood donations, 1,050 ml</td>", await Render("060", 2018, "html", "en"), StringComparison.Ordinal);
    }

    private async Task<string> Render(string unit, int year, string format, string language) =>
        Encoding.UTF8.GetString((await factory.Client(factory.Tokens.ProvinceAdmin).RenderAnnualReportAsync(
            new RenderAnnualReportRequest { OrgUnit = unit, Year = year, Format = format, Language = language })).Data.ToByteArray());
}
