using System.CommandLine;
using RedCross.Contracts.Campaign.V1;
using RedCross.Import;

namespace RedCross.Cli;

/// <summary>`rc donors ...`: import a list of voluntary blood donors.</summary>
internal static class DonorsCommands
{
    public static Command Create() => new("donors", "Voluntary blood donors (người hiến máu) of the units you may act in") { Import() };

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with a header: full_name, birth_date, sex, weight_kg, org_unit, and optionally blood_group, phone" };
        file.AcceptExistingOnly();
        var encoding = new Option<string?>("--encoding") { Description = "utf-8, utf-16, utf-16BE or windows-1258 (default: detected)" };
        var command = new Command("import", "Stream a CSV of donors to the server, with a progress bar and a per-row error summary; donors already registered change nothing") { file, encoding };
        command.SetAction(async (args, ct) =>
        {
            var options = new ImportOptions
            {
                Columns = DonorRows.Columns,
                Encoding = args.GetValue(encoding) is { } name ? ImportEncodings.FromName(name) : null,
            };
            using var channel = Session.Load(args).Channel();
            var client = new BloodDonors.BloodDonorsClient(channel);
            return await FileImport.RunAsync(args.GetRequiredValue(file).FullName, options, () => client.ImportBloodDonors(cancellationToken: ct), DonorRows.ToImport,
                r => new ImportSummary(r.RowsReceived, r.Created, r.Duplicates, r.Failed, r.Errors.Select(e => new ImportError(e.RowNumber, e.Field, e.Reason))), ct);
        });
        return command;
    }
}
