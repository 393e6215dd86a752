using System.CommandLine;
using System.Globalization;
using RedCross.Contracts.Reporting.V1;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc report issue | handins | note`: handing in annual reports and the staff's notes in them.</summary>
internal static class ReportHandInCommands
{
    public static IEnumerable<Command> Create() => [Issue(), HandIns(), Note()];

    private static Command Issue()
    {
        var org = new Option<string>("--org") { Description = "Code of the unit whose report is issued", Required = true };
        var year = new Option<int>("--year") { Description = "The report's year", Required = true };
        var number = new Option<string>("--number") { Description = "The register's number (\"12\"; the form adds \"/BC-…\")", Required = true };
        var date = new Option<string?>("--date") { Description = "Date of issue, YYYY-MM-DD (default today)" };
        var signer = new Option<string>("--signer") { Description = "Who signs, for example \"Nguyễn Văn An\"", Required = true };
        var title = new Option<string>("--title") { Description = "The signer's title, for example \"Chủ tịch\"", Required = true };
        var command = new Command("issue", "Issue a unit's annual report as a frozen version (again after figures changed: an amendment, version n + 1)")
        {
            org, year, number, date, signer, title,
        };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var issue = await new Reporting.ReportingClient(channel).IssueAnnualReportAsync(new IssueAnnualReportRequest
            {
                OrgUnit = args.GetRequiredValue(org),
                Year = args.GetValue(year),
                Number = args.GetRequiredValue(number),
                IssuedOn = args.GetValue(date) ?? string.Empty,
                SignerName = args.GetRequiredValue(signer),
                SignerTitle = args.GetRequiredValue(title),
            }, cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"Issued: số {issue.Number}, {issue.IssuedOn}, {issue.SignerTitle} {issue.SignerName} (version {issue.Version})");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command HandIns()
    {
        var org = new Option<string>("--org") { Description = "Code of the unit whose districts and communes are listed", Required = true };
        var year = new Option<int>("--year") { Description = "The reports' year", Required = true };
        var output = CommonOptions.Output();
        var command = new Command("handins", "Each unit under a unit with its report's status: issued, not issued, or amended since") { org, year, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var response = await new Reporting.ReportingClient(channel).ListAnnualReportHandInsAsync(
                new ListAnnualReportHandInsRequest { OrgUnit = args.GetRequiredValue(org), Year = args.GetValue(year) }, cancellationToken: ct);
            Output.Rows(
                args.GetValue(output),
                [("org_unit", "Mã / Code"), ("name", "Đơn vị / Unit"), ("status", "Trạng thái / Status"), ("number", "Số / Number"),
                 ("issued_on", "Ngày / Date"), ("version", "Lần / Version"), ("amended_figures", "Số liệu đổi / Changed")],
                [.. response.HandIns.Select(h => new[]
                {
                    h.OrgUnit, h.OrgUnitName, h.Status, h.Issue?.Number ?? string.Empty, h.Issue?.IssuedOn ?? string.Empty,
                    h.Issue is null ? string.Empty : h.Issue.Version.ToString(CultureInfo.InvariantCulture),
                    h.AmendedFigures.ToString(CultureInfo.InvariantCulture),
                })]);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Note()
    {
        var org = new Option<string>("--org") { Description = "Code of the unit", Required = true };
        var year = new Option<int>("--year") { Description = "The report's year", Required = true };
        var section = new Option<string>("--section")
        {
            Description = "organisation, relief, health, awards, child_units, programmes, commendations, difficulties, or difficulty:<code> "
                + "(for example difficulty:membership.growth_below_target)",
            Required = true,
        };
        var text = new Option<string?>("--text") { Description = "The note; empty clears it" };
        var file = new Option<string?>("--file") { Description = "Read the note from this UTF-8 file (paragraphs separated by blank lines)" };
        var command = new Command("note", "Write the staff's note under a section or a difficulty of a report") { org, year, section, text, file };
        command.SetAction(async (args, ct) =>
        {
            var path = args.GetValue(file);
            if (path is not null && args.GetValue(text) is not null)
            {
                throw new UsageException("Give --text or --file, not both.");
            }

            var note = path is null ? args.GetValue(text) ?? string.Empty : await File.ReadAllTextAsync(path, ct);
            using var channel = Session.Load(args).Channel();
            var saved = await new Reporting.ReportingClient(channel).SetAnnualReportNoteAsync(new SetAnnualReportNoteRequest
            {
                OrgUnit = args.GetRequiredValue(org),
                Year = args.GetValue(year),
                Section = args.GetRequiredValue(section),
                Text = note,
            }, cancellationToken: ct);
            Console.WriteLine(saved.Text.Length == 0 ? $"Cleared the note under {saved.Section}." : $"Saved the note under {saved.Section} ({saved.Text.Length:N0} characters).");
            return ExitCodes.Done;
        });
        return command;
    }
}
