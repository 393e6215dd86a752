using System.CommandLine;
using System.Globalization;
using RedCross.Contracts.Reporting.V1;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc report ...`: reports computed by the reporting service.</summary>
internal static class ReportCommands
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static Command Create() => new("report", "Reports from recorded data") { Annual() };

    private static Command Annual()
    {
        var org = new Option<string>("--org") { Description = "Code of the unit (its subtree is summed)", Required = true };
        var year = new Option<int>("--year") { Description = "The calendar year", Required = true };
        var output = CommonOptions.Output();
        var command = new Command("annual", "The year's indicators of a unit, with Vietnamese and English labels") { org, year, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var report = await new Reporting.ReportingClient(channel).GetAnnualReportAsync(
                new GetAnnualReportRequest { OrgUnit = args.GetRequiredValue(org), Year = args.GetValue(year) }, cancellationToken: ct);
            var format = args.GetValue(output);
            if (format == OutputFormat.Json)
            {
                // The whole report (titles, unit and indicators), as the REST API returns it.
                Console.WriteLine(Google.Protobuf.JsonFormatter.Default.Format(report));
                return ExitCodes.Done;
            }

            if (format == OutputFormat.Table)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{report.TitleVi}[/]");
                AnsiConsole.MarkupLineInterpolated($"{report.TitleEn}");
                AnsiConsole.MarkupLineInterpolated($"{report.OrgUnitName} ({report.OrgUnit})");
            }

            Output.Rows(
                format,
                [("label", "Chỉ tiêu / Indicator"), ("value", "Giá trị / Value"), ("code", "Mã / Code")],
                [.. report.Indicators.Select(i => new[]
                {
                    $"{i.LabelVi} / {i.LabelEn}",
                    format == OutputFormat.Table ? i.Value.ToString("N0", Vietnamese) : i.Value.ToString(CultureInfo.InvariantCulture),
                    i.Code,
                })]);
            return ExitCodes.Done;
        });
        return command;
    }
}
