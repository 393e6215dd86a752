using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RedCross.Contracts.Reporting.V1;
using RedCross.WebConsole.SignIn;

namespace RedCross.WebConsole.Api;

/// <summary>The annual report as files, fetched from the API as the person: the preview the report page shows in a
/// sandboxed frame (the API's own HTML, scripts off), and the downloads (Word, Markdown, HTML, Excel; DHIS2 values and metadata, HXL exports).</summary>
internal static class ReportFiles
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/report/{unit}/{year:int}/preview", (string unit, int year, PersonApi api) =>
            RenderAsync(api, unit, year, "html", download: false))
            .RequireAuthorization(ConsoleAuthentication.Policy).WithMetadata(ConsoleEndpoint.Instance);
        app.MapGet("/report/{unit}/{year:int}/{format:regex(^(docx|md|html|xlsx|dhis2|dhis2-metadata|hxl)$)}", (string unit, int year, string format, PersonApi api) =>
            format is "dhis2" or "dhis2-metadata" or "hxl" ? ExportAsync(api, unit, year, format) : RenderAsync(api, unit, year, format, download: true))
            .RequireAuthorization(ConsoleAuthentication.Policy).WithMetadata(ConsoleEndpoint.Instance);
    }

    private static async Task<IResult> RenderAsync(PersonApi api, string unit, int year, string format, bool download)
    {
        var body = await api.Client<Reporting.ReportingClient>().RenderAnnualReportAsync(new() { OrgUnit = unit, Year = year, Format = format }, api.Call);
        var extension = format == "md" ? "md" : format;
        return Results.File(body.Data.ToByteArray(), body.ContentType, download ? $"bao-cao-{unit}-{year}.{extension}" : null);
    }

    private static async Task<IResult> ExportAsync(PersonApi api, string unit, int year, string format)
    {
        var period = year.ToString(CultureInfo.InvariantCulture);
        var body = await api.Client<Reporting.ReportingClient>().ExportIndicatorsAsync(new() { OrgUnit = unit, Period = period, Format = format }, api.Call);
        return Results.File(body.Data.ToByteArray(), body.ContentType, $"chi-so-{unit}-{year}-{format}.{(format == "hxl" ? "csv" : "json")}");
    }
}

/// <summary>Marks a console endpoint that is not a page (a file, a preview), so API failures are answered for it as for pages.</summary>
internal sealed class ConsoleEndpoint
{
    public static readonly ConsoleEndpoint Instance = new();
}
