using System.CommandLine;
using System.Globalization;
using RedCross.Contracts.Awards.V1;

namespace RedCross.Cli;

/// <summary>`rc awards ...`: nominations for commendation, decisions, and blood-donor recognition candidates.</summary>
internal static class AwardsCommands
{
    public static Command Create() => new("awards", "Emulation and commendation (thi đua khen thưởng)") { Nominate(), Approve(), List(), Candidates() };

    private static Command Nominate()
    {
        var issuer = new Option<string>("--issuer") { Description = "Code of the issuer proposed to (e.g. 058-HDTDKT)", Required = true };
        var form = new Option<string>("--form") { Description = "certificate_of_merit, diploma_of_merit or commemorative_medal", Required = true };
        var kind = new Option<string>("--recipient-kind") { Description = "org_unit, group, member, volunteer, donor or official", Required = true };
        var id = new Option<string?>("--recipient-id") { Description = "Member, volunteer or donor id, or an official's staff reference" };
        var unit = new Option<string?>("--recipient-org") { Description = "The commended unit, or the unit of a group or official" };
        var group = new Option<string?>("--group-name") { Description = "A group's name" };
        var movement = new Option<string>("--movement") { Description = "blood_donation, society_work, relief, ...", Required = true };
        var year = new Option<int>("--year") { Description = "Year of the achievement", Required = true };
        var proposer = new Option<string>("--proposer") { Description = "Code of the proposing unit", Required = true };
        var submit = new Option<bool>("--submit") { Description = "Submit it at once" };
        var submittedOn = new Option<string?>("--submitted-on") { Description = "With --submit: the day submitted (YYYY-MM-DD), default today" };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key: a retry returns the first nomination" };
        var output = CommonOptions.Output();
        var command = new Command("nominate", "Propose a collective or an individual for commendation")
        {
            issuer, form, kind, id, unit, group, movement, year, proposer, submit, submittedOn, requestId, output,
        };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var made = await new Nominations.NominationsClient(channel).CreateNominationAsync(new CreateNominationRequest
            {
                Nomination = new Nomination
                {
                    IssuerCode = args.GetRequiredValue(issuer),
                    FormKind = args.GetRequiredValue(form),
                    Recipient = new Recipient
                    {
                        Kind = args.GetRequiredValue(kind), Id = args.GetValue(id) ?? string.Empty, OrgUnit = args.GetValue(unit) ?? string.Empty,
                        GroupName = args.GetValue(group) ?? string.Empty,
                    },
                    Movement = args.GetRequiredValue(movement),
                    Year = args.GetValue(year),
                    ProposerOrgUnit = args.GetRequiredValue(proposer),
                },
                Submit = args.GetValue(submit),
                SubmittedOn = args.GetValue(submittedOn) ?? string.Empty,
                RequestId = args.GetValue(requestId) ?? string.Empty,
            }, cancellationToken: ct);
            Print(args.GetValue(output), [made]);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("id") { Description = "The nomination's id" };
        var number = new Option<string>("--decision-number") { Description = "The decision's number (e.g. 125/QĐ-HĐTĐKT)", Required = true };
        var date = new Option<string>("--decision-date") { Description = "The decision's date (YYYY-MM-DD)", Required = true };
        var cash = new Option<long?>("--cash-vnd") { Description = "Cash in whole VND; default the form's standard amount" };
        var output = CommonOptions.Output();
        var command = new Command("approve", "Approve a submitted nomination (as a principal acting for its issuer)") { id, number, date, cash, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var request = new ApproveNominationRequest { Id = args.GetRequiredValue(id), DecisionNumber = args.GetRequiredValue(number), DecisionDate = args.GetRequiredValue(date) };
            if (args.GetValue(cash) is { } vnd)
            {
                request.CashVnd = vnd;
            }

            Print(args.GetValue(output), [await new Nominations.NominationsClient(channel).ApproveNominationAsync(request, cancellationToken: ct)]);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command List()
    {
        var org = new Option<string?>("--org") { Description = "Code of a unit whose subtree to list; default the caller's" };
        var issuer = new Option<string?>("--issuer") { Description = "Only this issuer's" };
        var year = new Option<int>("--year") { Description = "Only this year's" };
        var status = new Option<string?>("--status") { Description = "draft, submitted, approved, rejected or revoked" };
        var output = CommonOptions.Output();
        var command = new Command("list", "Nominations in the caller's subtree, every page") { org, issuer, year, status, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new Nominations.NominationsClient(channel);
            var all = new List<Nomination>();
            var request = new ListNominationsRequest
            {
                OrgUnit = args.GetValue(org) ?? string.Empty, IssuerCode = args.GetValue(issuer) ?? string.Empty, Year = args.GetValue(year),
                Status = args.GetValue(status) ?? string.Empty, PageSize = 1000,
            };
            do
            {
                var page = await client.ListNominationsAsync(request, cancellationToken: ct);
                all.AddRange(page.Nominations);
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Print(args.GetValue(output), all);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Candidates()
    {
        var org = new Option<string?>("--org") { Description = "Code of a unit whose subtree to search; default the caller's" };
        var issuer = new Option<string?>("--issuer") { Description = "Only this issuer's tiers" };
        var nominate = new Option<bool>("--nominate") { Description = "Turn every candidate into a nomination (needs --year and --proposer)" };
        var year = new Option<int>("--year") { Description = "With --nominate: the year of the recognition" };
        var proposer = new Option<string?>("--proposer") { Description = "With --nominate: the proposing unit" };
        var submit = new Option<bool>("--submit") { Description = "With --nominate: submit the nominations at once" };
        var output = CommonOptions.Output();
        var command = new Command("candidates", "Blood donors due recognition by their donation counts; --nominate to propose them all in one call")
        {
            org, issuer, nominate, year, proposer, submit, output,
        };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new BloodDonorRecognition.BloodDonorRecognitionClient(channel);
            if (args.GetValue(nominate))
            {
                if (args.GetValue(year) == 0 || string.IsNullOrEmpty(args.GetValue(proposer)))
                {
                    throw new UsageException("--nominate needs --year and --proposer.");
                }

                var made = await client.NominateCandidatesAsync(new NominateCandidatesRequest
                {
                    OrgUnit = args.GetValue(org) ?? string.Empty, IssuerCode = args.GetValue(issuer) ?? string.Empty, Year = args.GetValue(year),
                    ProposerOrgUnit = args.GetValue(proposer)!, Submit = args.GetValue(submit),
                }, cancellationToken: ct);
                Print(args.GetValue(output), made.Nominations);
                return ExitCodes.Done;
            }

            var rows = new List<string[]>();
            var request = new ListRecognitionCandidatesRequest { OrgUnit = args.GetValue(org) ?? string.Empty, IssuerCode = args.GetValue(issuer) ?? string.Empty, PageSize = 1000 };
            do
            {
                var page = await client.ListRecognitionCandidatesAsync(request, cancellationToken: ct);
                rows.AddRange(page.Candidates.SelectMany(c => c.Due.Select(t => new[]
                {
                    c.DonorId, c.OrgUnit, c.DonationCount.ToString(CultureInfo.InvariantCulture), c.LastDonatedOn, t.IssuerCode, t.FormKind,
                    t.MinDonations.ToString(CultureInfo.InvariantCulture),
                })));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            Output.Rows(args.GetValue(output),
                [("donor_id", "Người hiến máu / Donor"), ("org_unit", "Đơn vị / Unit"), ("donations", "Số lần hiến / Donations"), ("last_donated_on", "Lần gần nhất / Last"),
                 ("issuer", "Cấp khen / Issuer"), ("form", "Hình thức / Form"), ("tier", "Mốc / Tier")],
                rows);
            return ExitCodes.Done;
        });
        return command;
    }

    private static void Print(OutputFormat format, IEnumerable<Nomination> nominations) =>
        Output.Rows(format,
            [("id", "Mã / Id"), ("issuer", "Cấp khen / Issuer"), ("form", "Hình thức / Form"), ("recipient", "Đối tượng / Recipient"), ("org_unit", "Đơn vị / Unit"),
             ("year", "Năm / Year"), ("status", "Trạng thái / Status"), ("decision", "Quyết định / Decision"), ("cash_vnd", "Tiền thưởng / Cash (VND)")],
            [.. nominations.Select(n => new[]
            {
                n.Id, n.IssuerCode, n.FormKind, n.Recipient.Kind + (n.Recipient.Id.Length > 0 ? ":" + n.Recipient.Id : n.Recipient.GroupName.Length > 0 ? ":" + n.Recipient.GroupName : string.Empty),
                n.Recipient.OrgUnit, n.Year.ToString(CultureInfo.InvariantCulture), n.Status,
                n.DecisionNumber.Length > 0 ? $"{n.DecisionNumber} ({n.DecisionDate})" : string.Empty, n.CashVnd.ToString(CultureInfo.InvariantCulture),
            })]);
}
