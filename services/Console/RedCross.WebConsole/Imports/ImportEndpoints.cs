using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using RedCross.Import;
using RedCross.WebConsole.SignIn;

namespace RedCross.WebConsole.Imports;

/// <summary>The upload of a file (CSV or Excel .xlsx) from an import page, `/imports/{kind}` (members, beneficiaries);
/// the kind's progress page follows it.</summary>
internal static class ImportEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapPost("/imports/{kind}", async (string kind, HttpContext http, IAntiforgery antiforgery, FileImports imports) =>
        {
            if (ImportKind.Named(kind) is not { } what)
            {
                return Results.NotFound();
            }

            await antiforgery.ValidateRequestAsync(http);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.GetFile("file") is not { Length: > 0 } upload)
            {
                return Back(what, "empty");
            }

            var file = new MemoryStream();
            await upload.CopyToAsync(file, http.RequestAborted);
            file.Position = 0;
            try
            {
                if (Spreadsheet.IsWorkbook(upload.FileName))
                {
                    await using var workbook = file;
                    file = await Spreadsheet.ToCsvAsync(workbook, http.RequestAborted);
                }

                var session = http.User.FindFirst(ConsoleAuthentication.SessionClaim)!.Value;
                var job = await imports.StartAsync(what, session, Path.GetFileName(upload.FileName), file, http.RequestAborted);
                return Results.Redirect($"{what.Page}/{job.Id}");
            }
            catch (ImportFileException ex)
            {
                await file.DisposeAsync();
                return Back(what, ex.Message);
            }
        })
        .RequireAuthorization(ConsoleAuthentication.Policy)
        .DisableAntiforgery()
        .WithMetadata(new UploadLimit(ImportOptions.DefaultMaxBytes + 1024 * 1024));

    private static IResult Back(ImportKind kind, string refusal) => Results.Redirect(kind.Page + "?refused=" + Uri.EscapeDataString(refusal));

    /// <summary>A file of up to the import's own limit, over the host's 4 MB cap on a request.</summary>
    private sealed class UploadLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
