using System.CommandLine;
using System.Globalization;
using RedCross.Contracts.Campaign.V1;

namespace RedCross.Cli;

/// <summary>`rc campaigns ...`: list campaigns, show one with its results, record results.</summary>
internal static class CampaignsCommands
{
    public static Command Create() => new("campaigns", "Campaigns and programmes (phong trào, chương trình) of the units you may act in") { List(), Show(), RecordResult() };

    private static Command List()
    {
        var org = new Option<string?>("--org") { Description = "Only this unit and its subtree" };
        var status = new Option<string?>("--status") { Description = "planned, running or closed" };
        var type = new Option<string?>("--type") { Description = "blood_donation, health_check, fundraising, ..." };
        var pageSize = new Option<int>("--page-size") { Description = "Campaigns per page", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue from a page token printed by an earlier call" };
        var all = new Option<bool>("--all") { Description = "Follow every page" };
        var output = CommonOptions.Output();
        var command = new Command("list", "List campaigns, oldest first") { org, status, type, pageSize, pageToken, all, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new Campaigns.CampaignsClient(channel);
            var request = new ListCampaignsRequest
            {
                OrgUnit = args.GetValue(org) ?? string.Empty,
                Status = args.GetValue(status) ?? string.Empty,
                Type = args.GetValue(type) ?? string.Empty,
                PageSize = args.GetValue(pageSize),
                PageToken = args.GetValue(pageToken) ?? string.Empty,
            };
            var rows = new List<string[]>();
            string next;
            do
            {
                var page = await client.ListCampaignsAsync(request, cancellationToken: ct);
                rows.AddRange(page.Campaigns.Select(c => new[] { c.Name, c.Type, c.OrgUnit, c.StartDate, c.EndDate, c.Status, c.Id }));
                next = request.PageToken = page.NextPageToken;
            }
            while (args.GetValue(all) && next.Length > 0);

            Output.Rows(
                args.GetValue(output),
                [("name", "Tên / Name"), ("type", "Loại / Type"), ("org_unit", "Đơn vị / Unit"), ("start_date", "Từ ngày / From"), ("end_date", "Đến ngày / To"),
                 ("status", "Trạng thái / Status"), ("id", "Id")],
                rows);
            Console.Error.WriteLine(next.Length > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{rows.Count} campaign(s) shown; more pages remain: add --all, or --page-token {next}")
                : string.Create(CultureInfo.InvariantCulture, $"{rows.Count} chương trình / campaign(s)."));
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The campaign's id" };
        var output = CommonOptions.Output();
        var command = new Command("show", "Show a campaign: partners, targets against totals, and every result entry (corrections included)") { id, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new Campaigns.CampaignsClient(channel);
            var campaign = await client.GetCampaignAsync(new GetCampaignRequest { Id = args.GetRequiredValue(id) }, cancellationToken: ct);
            var results = new List<CampaignResult>();
            var request = new ListCampaignResultsRequest { CampaignId = campaign.Id, PageSize = 1000 };
            do
            {
                var page = await client.ListCampaignResultsAsync(request, cancellationToken: ct);
                results.AddRange(page.Results);
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Console.Error.WriteLine($"{campaign.Name} ({campaign.Type}, {campaign.OrgUnit}, {campaign.StartDate} – {campaign.EndDate}, {campaign.Status})");
            foreach (var p in campaign.Partners)
            {
                Console.Error.WriteLine($"  đối tác / partner: {p.Name} ({p.Kind}) {p.Role}");
            }

            Output.Rows(args.GetValue(output), Figures, [
                ["mục tiêu / target", .. Cells(campaign.Targets)],
                ["kết quả / result", .. Cells(campaign.Totals)],
                .. results.Select(r => (string[])[r.RecordedOn + (r.CorrectsResultId.Length > 0 ? " (đính chính / correction)" : r.CorrectedByResultId.Length > 0 ? " (đã đính chính / corrected)" : string.Empty),
                    .. Cells(r.Figures)]),
            ]);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command RecordResult()
    {
        var id = new Argument<string>("id") { Description = "The campaign's id" };
        var on = new Option<string>("--date") { Description = "The day the results are for (YYYY-MM-DD)", Required = true };
        var people = new Option<long>("--people-served") { Description = "People served" };
        var examinations = new Option<long>("--examinations") { Description = "Health examinations (lượt khám)" };
        var consultations = new Option<long>("--consultations") { Description = "Health consultations (lượt tư vấn)" };
        var sessions = new Option<long>("--communication-sessions") { Description = "Communication sessions held" };
        var funds = new Option<long>("--funds-vnd") { Description = "Funds raised, whole VND" };
        var note = new Option<string?>("--note") { Description = "Optional note" };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key: repeating the command with it records nothing twice" };
        var command = new Command("record-result", "Record results of a running campaign for a day") { id, on, people, examinations, consultations, sessions, funds, note, requestId };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var result = await new Campaigns.CampaignsClient(channel).RecordCampaignResultAsync(new RecordCampaignResultRequest
            {
                CampaignId = args.GetRequiredValue(id),
                RequestId = args.GetValue(requestId) ?? string.Empty,
                Result = new CampaignResult
                {
                    RecordedOn = args.GetRequiredValue(on),
                    Note = args.GetValue(note) ?? string.Empty,
                    Figures = new CampaignFigures
                    {
                        PeopleServed = args.GetValue(people),
                        Examinations = args.GetValue(examinations),
                        Consultations = args.GetValue(consultations),
                        CommunicationSessions = args.GetValue(sessions),
                        FundsRaisedVnd = args.GetValue(funds),
                    },
                },
            }, cancellationToken: ct);
            Console.WriteLine(result.Id);
            return ExitCodes.Done;
        });
        return command;
    }

    private static readonly (string Key, string Title)[] Figures =
    [
        ("row", "Dòng / Row"), ("people_served", "Người được phục vụ / People"), ("examinations", "Lượt khám / Exams"),
        ("consultations", "Lượt tư vấn / Consultations"), ("communication_sessions", "Buổi truyền thông / Sessions"),
        ("funds_raised_vnd", "Tiền vận động / Funds (VND)"), ("blood_donations", "Hiến máu / Donations"),
    ];

    private static string[] Cells(CampaignFigures f) =>
        [.. new[] { f.PeopleServed, f.Examinations, f.Consultations, f.CommunicationSessions, f.FundsRaisedVnd, f.BloodDonations }
            .Select(v => v.ToString(CultureInfo.InvariantCulture))];
}
