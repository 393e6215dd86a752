using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using RedCross.Import;
using RedCross.WebConsole.SignIn;

namespace RedCross.WebConsole.Imports;

/// <summary>The upload of a members file (CSV or Excel .xlsx) from the import page; the progress page follows it.</summary>
internal static class ImportEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapPost("/imports/members", async (HttpContext http, IAntiforgery antiforgery, MemberImports imports) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.GetFile("file") is not { Length: > 0 } upload)
            {
                return Back("empty");
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
                var job = await imports.StartAsync(session, Path.GetFileName(upload.FileName), file, http.RequestAborted);
                return Results.Redirect($"/members/import/{job.Id}");
            }
            catch (ImportFileException ex)
            {
                await file.DisposeAsync();
                return Back(ex.Message);
            }
        })
        .RequireAuthorization(ConsoleAuthentication.Policy)
        .DisableAntiforgery()
        .WithMetadata(new UploadLimit(ImportOptions.DefaultMaxBytes + 1024 * 1024));

    private static IResult Back(string refusal) => Results.Redirect("/members/import?refused=" + Uri.EscapeDataString(refusal));

    /// <summary>A file of up to the import's own limit, over the host's 4 MB cap on a request.</summary>
    private sealed class UploadLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
