using RedCross.Contracts.Reporting.V1;

namespace RedCross.Demo;

/// <summary>Loads the demo (Bắc Kạn town, 058, year 2013) through the public gRPC APIs, as staff would enter it. Every
/// write carries a request id or checks what is already there, so loading it twice changes nothing. The province's
/// units come from the reference data membership loads at start.</summary>
public static class DemoLoader
{
    public static async Task LoadAsync(DemoChannels channels, IProgress<string> progress, CancellationToken ct)
    {
        var people = new DemoPeople();
        var members = await new MembershipPart(channels, people, progress).LoadAsync(ct);
        var campaigns = new CampaignPart(channels, people, progress);
        await campaigns.OpenViettelAsync(ct);
        var relief = new ReliefPart(channels, people, progress);
        await relief.LoadPeopleAsync(ct);
        var list = await campaigns.DrawViettelListAsync(ct);
        await relief.ViettelGiftsAsync(campaigns.ViettelId, list, ct);
        await campaigns.LoadProgrammesAsync(ct);
        await new AwardsPart(channels, progress).LoadAsync(members, ct);
        await DirectionsAsync(new Reporting.ReportingClient(channels.Town), ct);
        progress.Report("demo loaded: Bắc Kạn town (058), year 2013");
    }

    /// <summary>The seed's directions for 2014, saved once: saving the same text again would still record a new author and time.</summary>
    private static async Task DirectionsAsync(Reporting.ReportingClient reporting, CancellationToken ct)
    {
        const string text = "Tiếp tục triển khai các hoạt động, chương trình theo kế hoạch năm 2014 đúng chức năng, nhiệm vụ của Hội; đặc biệt " +
            "chú trọng công tác phát triển hội viên; tiếp tục rà soát các địa chỉ nhân đạo trên địa bàn thị xã; vận động các nguồn lực trong và " +
            "ngoài thị xã ủng hộ tiền, hàng cứu trợ.";
        var report = await Demo.OnceKnown(
            () => reporting.GetAnnualReportAsync(new GetAnnualReportRequest { OrgUnit = DemoScenario.Town, Year = DemoScenario.Year }, cancellationToken: ct).ResponseAsync, ct);
        if (report.Directions?.Text != text)
        {
            await reporting.SetAnnualReportDirectionsAsync(
                new SetAnnualReportDirectionsRequest { OrgUnit = DemoScenario.Town, Year = DemoScenario.Year, Text = text }, cancellationToken: ct);
        }
    }
}
