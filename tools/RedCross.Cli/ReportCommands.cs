using System.CommandLine;
using System.Globalization;
using Google.Api;
using RedCross.Contracts.Reporting.V1;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc report ...`: reports computed by the reporting service.</summary>
internal static class ReportCommands
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static Command Create()
    {
        var report = new Command("report", "Reports from recorded data") { Annual(), Export() };
        foreach (var command in ReportHandInCommands.Create())
        {
            report.Subcommands.Add(command);
        }

        return report;
    }

    private static Command Annual()
    {
        var org = new Option<string>("--org") { Description = "Code of the unit (its subtree is summed)", Required = true };
        var year = new Option<int>("--year") { Description = "The calendar year", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "table (indicators, for people), json (the report as data), md, html or docx (the report as a document), xlsx (its data, a sheet per section), "
                + "dhis2, dhis2-metadata or hxl (the year's indicators for DHIS2 or as an HXL 3W table, as `rc report export` writes them)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "md", "html", "docx", "xlsx", "dhis2", "dhis2-metadata", "hxl");
        var language = new Option<string>("--language") { Description = "vi (the official form, default) or en", DefaultValueFactory = _ => "vi" };
        language.AcceptOnlyFromAmong("vi", "en");
        var output = OutputFile();
        var command = new Command("annual", "The annual report of a unit: \"Tổng kết công tác năm N và phương hướng nhiệm vụ năm N+1\"")
        {
            org, year, format, language, output,
        };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var client = new Reporting.ReportingClient(channel);
            var chosen = args.GetValue(format)!;
            if (chosen is "md" or "html" or "docx" or "xlsx")
            {
                var body = await client.RenderAnnualReportAsync(new RenderAnnualReportRequest
                {
                    OrgUnit = args.GetRequiredValue(org),
                    Year = args.GetValue(year),
                    Format = chosen,
                    Language = args.GetValue(language),
                }, cancellationToken: ct);
                await WriteAsync(body, args.GetValue(output), ct);
                return ExitCodes.Done;
            }

            if (chosen is "dhis2" or "dhis2-metadata" or "hxl")
            {
                var export = await client.ExportIndicatorsAsync(new ExportIndicatorsRequest
                {
                    OrgUnit = args.GetRequiredValue(org),
                    Period = args.GetValue(year).ToString(CultureInfo.InvariantCulture),
                    Format = chosen,
                }, cancellationToken: ct);
                await WriteAsync(export, args.GetValue(output), ct);
                return ExitCodes.Done;
            }

            var report = await client.GetAnnualReportAsync(
                new GetAnnualReportRequest { OrgUnit = args.GetRequiredValue(org), Year = args.GetValue(year) }, cancellationToken: ct);
            if (chosen == "json")
            {
                // The whole report as the REST API returns it.
                var json = Google.Protobuf.JsonFormatter.Default.Format(report) + Environment.NewLine;
                await WriteAsync(new HttpBody { Data = Google.Protobuf.ByteString.CopyFromUtf8(json) }, args.GetValue(output), ct);
                return ExitCodes.Done;
            }

            AnsiConsole.MarkupLineInterpolated($"[bold]{report.TitleVi}[/]");
            AnsiConsole.MarkupLineInterpolated($"{report.TitleEn}");
            AnsiConsole.MarkupLineInterpolated($"{report.OrgUnitName} ({report.OrgUnit})");
            Output.Rows(
                OutputFormat.Table,
                [("label", "Chỉ tiêu / Indicator"), ("value", "Giá trị / Value"), ("code", "Mã / Code")],
                [.. report.Indicators.Select(i => new[] { $"{i.LabelVi} / {i.LabelEn}", i.Value.ToString("N0", Vietnamese), i.Code })]);
            foreach (var d in report.Difficulties)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{d.TextVi}[/]");
            }

            // An issued report shows its figures as issued; what changed since is listed apart.
            if (report.Issue is { } issue)
            {
                AnsiConsole.MarkupLineInterpolated($"Đã ban hành / Issued: số {issue.Number}, {issue.IssuedOn} (version {issue.Version})");
            }

            foreach (var a in report.Amendments)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{a.LabelVi} / {a.LabelEn}: {a.Issued.ToString("N0", Vietnamese)} → {a.Now.ToString("N0", Vietnamese)} ({a.Difference.ToString("+#,0;-#,0", Vietnamese)})[/]");
            }

            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Export()
    {
        var org = new Option<string>("--org") { Description = "Code of the unit (its subtree is summed)", Required = true };
        var period = new Option<string>("--period") { Description = "A year (2013), a half-year (2013-H1), a quarter (2013-Q1) or a month (2013-03)", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "dhis2 (a data value set: each unit's own values), dhis2-metadata (the DHIS2 metadata package they refer to) "
                + "or hxl (HXL-tagged 3W CSV, UTF-8 with a BOM)",
            Required = true,
        };
        format.AcceptOnlyFromAmong("dhis2", "dhis2-metadata", "hxl");
        var output = OutputFile();
        var command = new Command("export", "A unit's indicators for DHIS2 (values or metadata) or as an HXL 3W table") { org, period, format, output };
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var body = await new Reporting.ReportingClient(channel).ExportIndicatorsAsync(new ExportIndicatorsRequest
            {
                OrgUnit = args.GetRequiredValue(org),
                Period = args.GetRequiredValue(period),
                Format = args.GetRequiredValue(format),
            }, cancellationToken: ct);
            await WriteAsync(body, args.GetValue(output), ct);
            return ExitCodes.Done;
        });
        return command;
    }

    private static Option<string?> OutputFile() => new("--output", "-o") { Description = "Write to this file (default: standard output)" };

    /// <summary>The document's bytes as they came, to the file or to standard output (a .docx too, for a pipe).</summary>
    private static async Task WriteAsync(HttpBody body, string? file, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            await File.WriteAllBytesAsync(file, body.Data.ToByteArray(), ct);
            Console.Error.WriteLine($"Wrote {file} ({body.Data.Length:N0} bytes).");
            return;
        }

        await using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(body.Data.Memory, ct);
    }
}
